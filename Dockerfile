# Image for the worker, the API and the one-shot migration service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
USER node
CMD ["npx", "tsx", "worker/main.ts"]
