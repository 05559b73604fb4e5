/**
 * The worker process (`npm run worker`): runs batch workflows and activities
 * until SIGINT or SIGTERM, then finishes in-flight activities (up to the grace
 * time) and closes its connections.
 */
import { NativeConnection, Runtime } from '@temporalio/worker';

import { loadConfig } from '../config/env';
import { createLogger } from '../config/logger';
import { openOrm } from '../db/orm';
import { resolveEndpoints } from '../stack/endpoints';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.logLevel);
  const endpoints = resolveEndpoints(config);
  // The SDK's own signal handling would stop the worker too; the explicit list documents which signals do.
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });

  const orm = await openOrm({ databaseUrl: endpoints.databaseUrl, poolSize: 20 });
  const connection = await NativeConnection.connect({ address: endpoints.temporalAddress });
  try {
    const worker = await createWorker({ connection, namespace: endpoints.temporalNamespace, taskQueue: endpoints.temporalTaskQueue, orm, logger });
    logger.info({ taskQueue: endpoints.temporalTaskQueue, address: endpoints.temporalAddress }, 'worker started');
    await worker.run();
    logger.info({}, 'worker stopped');
  } finally {
    await connection.close();
    await orm.close(true);
  }
}

main().catch((error: unknown) => {
  console.error(`worker: ${(error as Error).message}`);
  process.exit(1);
});
