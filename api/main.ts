/**
 * The API process (`npm run api`): listens on 127.0.0.1 and REIMS_API_PORT
 * (default 8080). REIMS_API_HOST changes the address, which a container
 * needs (0.0.0.0) so that its published port reaches the server. On SIGINT or
 * SIGTERM it stops accepting connections, finishes in-flight requests, then
 * closes the flag client and the database and Temporal connections.
 */
import { openClientContext } from '../client/context';
import { createLogger } from '../config/logger';
import { closeProcessFeatureFlags, startProcessFeatureFlags } from '../flags/process-flags';
import { buildApiServer } from './server';

function readApiAddress(env: NodeJS.ProcessEnv): { host: string; port: number } {
  const host = env.REIMS_API_HOST?.trim() || '127.0.0.1';
  const raw = env.REIMS_API_PORT?.trim() || '8080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`REIMS_API_PORT must be a TCP port between 1 and 65535, got "${raw}"`);
  return { host, port };
}

async function main(): Promise<void> {
  const address = readApiAddress(process.env);
  const context = await openClientContext();
  const logger = createLogger('api', context.config.logLevel);
  // One flag client for the process, so that starting a job does not open a new Unleash connection each time.
  await startProcessFeatureFlags({ logger: logger.child({ component: 'flags' }) });
  const app = await buildApiServer({ knex: context.knex, temporal: context.temporal, taskQueue: context.endpoints.temporalTaskQueue }, { logger });

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'api stopping');
    app
      .close()
      .then(() => closeProcessFeatureFlags())
      .then(() => context.close())
      .then(() => {
        logger.info({}, 'api stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'api shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  try {
    await app.listen(address);
  } catch (error) {
    await closeProcessFeatureFlags();
    await context.close();
    throw error;
  }
  logger.info({ host: address.host, port: address.port, taskQueue: context.endpoints.temporalTaskQueue }, 'api started');
}

main().catch((error: unknown) => {
  console.error(`api: ${(error as Error).message}`);
  process.exit(1);
});
