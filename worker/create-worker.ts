/**
 * Builds the worker that runs the batch workflows and their activities on the
 * product's task queue. The caller owns the ORM and the connection.
 */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';

import type { Logger } from '../config/logger';
import type { MikroORM } from '../db/orm';
import type { FeatureFlags } from '../flags/feature-flags';
import { createBatchActivities } from '../activities/batch-activities';
import { createModelActivities } from '../activities/model-activities';
import { ModelCache, type ModelCacheOptions } from '../models/model-cache';
import type { ModelSwitches } from '../models/model-switches';

export interface CreateWorkerInput {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  orm: MikroORM;
  logger: Logger;
  /** Flag client of the activities; default the process client, else a short-lived one per job start. */
  flags?: FeatureFlags;
  /** Model cache settings and forced multivariate switches (default: each job's recorded flags). */
  models?: { cache?: ModelCacheOptions; overrides?: Partial<ModelSwitches> };
  /** Passed to Worker.create as is (concurrency, bundles, shutdown grace). */
  workerOptions?: Partial<WorkerOptions>;
}

export function workflowsPath(): string {
  return require.resolve('../workflows');
}

export async function createWorker(input: CreateWorkerInput): Promise<Worker> {
  // One cache per worker, shared by batch and training activities; its use counts are flushed by finalizeJob and trainScope.
  const cache = new ModelCache(input.orm.em.getConnection().getKnex(), { ...input.models?.cache, logger: input.logger });
  const models = { cache, overrides: input.models?.overrides };
  return Worker.create({
    connection: input.connection,
    namespace: input.namespace,
    taskQueue: input.taskQueue,
    workflowsPath: workflowsPath(),
    activities: { ...createBatchActivities({ orm: input.orm, logger: input.logger, flags: input.flags, models }), ...createModelActivities({ orm: input.orm, logger: input.logger, cache }) },
    maxConcurrentActivityTaskExecutions: 50,
    shutdownGraceTime: '10 seconds',
    ...input.workerOptions,
  });
}
