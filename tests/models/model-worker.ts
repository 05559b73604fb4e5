/** A test worker whose multivariate switches are forced, with a model cache of its own. */
import { NativeConnection, type Worker } from '@temporalio/worker';

import { createLogger } from '../../config/logger';
import type { MikroORM } from '../../db/orm';
import type { ModelCacheOptions } from '../../models/model-cache';
import type { ModelSwitches } from '../../models/model-switches';
import { createWorker } from '../../worker/create-worker';
import { temporalAddress, workflowBundle } from '../support/temporal';

export interface ModelTestWorker {
  worker: Worker;
  stop(): Promise<void>;
}

export async function startModelWorker(orm: MikroORM, taskQueue: string, overrides: Partial<ModelSwitches>, cache: ModelCacheOptions = {}): Promise<ModelTestWorker> {
  const connection = await NativeConnection.connect({ address: temporalAddress() });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue,
    orm,
    logger: createLogger('test-model-worker', 'warn'),
    models: { cache, overrides },
    workerOptions: { workflowBundle: await workflowBundle(), workflowsPath: undefined },
  });
  const running = worker.run();
  return {
    worker,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
