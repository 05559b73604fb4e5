import crypto from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import { WorkflowFailedError, type Client } from '@temporalio/client';

import type { MikroORM } from '../../db/orm';
import { trainModelsWorkflowId, type trainModelsWorkflow } from '../../workflows/train-models';
import { openTestOrm } from '../support/database';
import { seedStatements } from '../support/seed-statements';
import { connectClient, startTestWorker, uniqueTaskQueue } from '../support/temporal';

describe('train-models workflow', () => {
  let orm: MikroORM;
  let knex: Knex;
  let closeDatabase: () => Promise<void>;
  let client: Client;
  let closeClient: () => Promise<void>;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let taskQueue: string;
  let propertyIds: number[];

  beforeAll(async () => {
    ({ orm, close: closeDatabase } = await openTestOrm('train'));
    knex = orm.em.getConnection().getKnex();
    ({ client, close: closeClient } = await connectClient());
    await seedStatements(knex, 3, 24);
    propertyIds = (await knex('properties').orderBy('id').select<{ id: number }[]>('id')).map((row) => row.id);
    taskQueue = uniqueTaskQueue('train');
    worker = await startTestWorker(orm, taskQueue);
  });

  afterAll(async () => {
    await worker.stop();
    await closeClient();
    await closeDatabase();
  });

  function train(input: Parameters<typeof trainModelsWorkflow>[0]) {
    return client.workflow.execute<typeof trainModelsWorkflow>('trainModelsWorkflow', {
      taskQueue,
      workflowId: trainModelsWorkflowId(crypto.randomUUID()),
      args: [input],
    });
  }

  test('first run trains every scope and stores one model each', async () => {
    const result = await train({ propertyIds });

    // Each property has 24 monthly income statements, above the 12 a property scope needs: one scope each.
    expect(result.progress).toEqual({ total: 3, done: 3, trained: 3, cached: 0, skipped: 0, failed: 0 });
    expect(result.failures).toEqual([]);
    const rows = await knex('anomaly_model_cache').orderBy('property_id').select<{ property_id: number; model_key: string }[]>('property_id', 'model_key');
    expect(rows.map((row) => row.property_id)).toEqual(propertyIds);
    expect(rows.map((row) => row.model_key).sort()).toEqual(result.scopes.map((scope) => scope.modelKey).sort());
  });

  test('second run finds every model cached', async () => {
    const result = await train({ propertyIds, maxConcurrency: 2 });

    expect(result.progress).toEqual({ total: 3, done: 3, trained: 0, cached: 3, skipped: 0, failed: 0 });
    expect(Number((await knex('anomaly_model_cache').count<{ count: string }[]>('* as count'))[0]!.count)).toBe(3);
  });

  test('an empty property list fails as invalid input', async () => {
    const attempt = train({ propertyIds: [] });

    await expect(attempt).rejects.toThrow(WorkflowFailedError);
    const cause = await attempt.catch((error: WorkflowFailedError) => error.cause);
    expect(cause).toMatchObject({ type: 'InvalidTrainingInputError', message: 'propertyIds must be a non-empty list of positive integers, got []' });
  });
});
