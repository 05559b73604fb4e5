/**
 * The worker process (`npm run worker`): runs batch workflows and activities
 * until SIGINT or SIGTERM, then finishes in-flight activities (up to the grace
 * time) and closes its connections.
 */
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';

import { loadConfig } from '../config/env';
import { createLogger } from '../config/logger';
import { openOrm } from '../db/orm';
import { closeProcessFeatureFlags, startProcessFeatureFlags } from '../flags/process-flags';
import { resolveEndpoints } from '../stack/endpoints';
import { createWorker } from './create-worker';

/** Maps the product's pino level to the SDK's logger level. */
function sdkLogLevel(level: string): LogLevel {
  const levels: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR', silent: 'ERROR' };
  return levels[level] ?? 'INFO';
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.logLevel);
  const endpoints = resolveEndpoints(config);
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'], logger: new DefaultLogger(sdkLogLevel(config.logLevel)) });

  const flags = await startProcessFeatureFlags({ logger: logger.child({ component: 'flags' }) });
  const orm = await openOrm({ databaseUrl: endpoints.databaseUrl, poolSize: 20 });
  const connection = await NativeConnection.connect({ address: endpoints.temporalAddress });
  try {
    const worker = await createWorker({ connection, namespace: endpoints.temporalNamespace, taskQueue: endpoints.temporalTaskQueue, orm, logger, flags });
    logger.info({ taskQueue: endpoints.temporalTaskQueue, address: endpoints.temporalAddress }, 'worker started');
    await worker.run();
    logger.info({}, 'worker stopped');
  } finally {
    await connection.close();
    await orm.close(true);
    await closeProcessFeatureFlags();
  }
}

main().catch((error: unknown) => {
  console.error(`worker: ${(error as Error).message}`);
  process.exit(1);
});
