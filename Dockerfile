# Image for the worker, the HTTP API and the one-shot migration service; the
# compose file picks the process with `command`. TypeScript runs through tsx
# (a runtime dependency), so there is no build step.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# The node user writes stored source files and the flag backup under .data;
# named volumes mounted there start with this ownership.
RUN mkdir -p /app/.data/source-files /app/.data/flags && chown -R node:node /app/.data
USER node
EXPOSE 8080
CMD ["node", "--import", "tsx", "worker/main.ts"]
