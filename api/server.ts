/**
 * Builds the HTTP API as a Fastify instance, without listening, so tests can
 * drive it with `inject` and `api/main.ts` can listen on a port.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';

import { installAuth } from './auth';
import type { ApiContext } from './context';
import { installProblemHandlers } from './problem';
import { registerApiKeyRoutes } from './routes/api-keys';
import { registerDetectionRoutes } from './routes/detections';
import { registerFeedbackRoutes } from './routes/feedback';
import { registerJobSignalRoutes } from './routes/job-signals';
import { registerJobRoutes } from './routes/jobs';
import { addSharedSchemas } from './schemas';

/** Largest accepted request body; a larger one gets 413. The biggest real body (a job naming 1,000 property ids) is about 11 KiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

export interface ApiServerOptions {
  logger: FastifyBaseLogger;
  /** Request body limit in bytes; default 64 KiB. */
  bodyLimit?: number;
}

async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'REIMS Anomaly Engine API', version: '1.0.0', description: 'Batch reprocessing jobs, detections and feedback. Errors are application/problem+json (RFC 9457).' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A key from `npm run api:key` or POST /api-keys' } } },
      security: [{ apiKey: [] }],
    },
    // Names shared schemas by their $id in components.schemas, instead of def-0, def-1 ….
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`) },
  });
}

function registerSystemRoutes(app: FastifyInstance, context: ApiContext): void {
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  app.get('/health', {
    config: { public: true },
    schema: { summary: 'Liveness and database reachability', tags: ['system'], security: [], response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } },
  }, async () => {
    await context.knex.raw('select 1');
    return { status: 'ok' };
  });
}

export async function buildApiServer(context: ApiContext, options: ApiServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT_BYTES,
    // Routes register on the root instance, so a trailing slash must not make a second URL.
    routerOptions: { ignoreTrailingSlash: true },
    ajv: {
      customOptions: {
        // allErrors lists every invalid field at once. Fastify turns it off by default because unbounded inputs
        // make it costly; here the body limit and the maxItems and maxLength of every schema bound that cost.
        allErrors: true,
        // Unknown fields are rejected by name instead of silently dropped.
        removeAdditional: false,
      },
    },
  });

  addSharedSchemas(app);
  installProblemHandlers(app);
  installAuth(app, context.knex);
  await registerOpenApi(app);

  registerSystemRoutes(app, context);
  registerJobRoutes(app, context);
  registerJobSignalRoutes(app, context);
  registerDetectionRoutes(app, context);
  registerFeedbackRoutes(app, context);
  registerApiKeyRoutes(app, context);
  await app.ready();
  return app;
}
