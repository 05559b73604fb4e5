/**
 * The model cache over real batch jobs: three seeded properties with 24
 * monthly income statements each, so every property trains its own model
 * (three scopes, 72 documents).
 */
import type { Knex } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';

import type { MikroORM } from '../../db/orm';
import { createJob } from '../../jobs/create-job';
import type { JobModelCacheSummary } from '../../models/job-cache-figures';
import { ModelCache } from '../../models/model-cache';
import { resolveScope } from '../../models/scope-store';
import type { BatchReprocessResult } from '../../workflows/batch-reprocess';
import { openTestOrm } from '../support/database';
import { seedStatements } from '../support/seed-statements';
import { connectClient, uniqueTaskQueue } from '../support/temporal';
import { startModelWorker, type ModelTestWorker } from './model-worker';

const PROPERTIES = 3;
const MONTHS = 24;

interface CacheRowView {
  id: number;
  model_key: string;
  property_id: number;
  trained_at: Date;
  use_count: number;
}

describe('model cache over batch jobs', () => {
  let orm: MikroORM;
  let knex: Knex;
  let closeDatabase: () => Promise<void>;
  let client: Client;
  let closeClient: () => Promise<void>;
  let worker: ModelTestWorker;
  let taskQueue: string;
  let propertyIds: number[];

  async function runJob(): Promise<{ result: BatchReprocessResult; modelCache: JobModelCacheSummary }> {
    const job = await createJob(knex, client, taskQueue, { filters: {}, options: { maxConcurrency: 8 } });
    const result = await client.workflow.getHandle<(input: unknown) => Promise<BatchReprocessResult>>(job.workflowId).result();
    const row = await knex('batch_reprocessing_jobs').where({ id: job.jobId }).first<{ results_summary: { modelCache: JobModelCacheSummary } }>('results_summary');
    return { result, modelCache: row.results_summary.modelCache };
  }

  async function restartWorker(): Promise<void> {
    await worker.stop();
    taskQueue = uniqueTaskQueue('models');
    worker = await startModelWorker(orm, taskQueue, { multivariate: true, modelCache: true });
  }

  async function cacheRows(): Promise<CacheRowView[]> {
    return knex('anomaly_model_cache').orderBy('id').select<CacheRowView[]>('id', 'model_key', 'property_id', 'trained_at', 'use_count');
  }

  beforeAll(async () => {
    ({ orm, close: closeDatabase } = await openTestOrm('models'));
    knex = orm.em.getConnection().getKnex();
    ({ client, close: closeClient } = await connectClient());
    await seedStatements(knex, PROPERTIES, MONTHS);
    propertyIds = await knex('properties').orderBy('id').pluck<number[]>('id');
    taskQueue = uniqueTaskQueue('models');
    worker = await startModelWorker(orm, taskQueue, { multivariate: true, modelCache: true });
  });

  afterAll(async () => {
    await worker.stop();
    await closeClient();
    await closeDatabase();
  });

  test('first job trains one model per property', async () => {
    const { result, modelCache } = await runJob();

    expect(result.status).toBe('completed');
    expect(result.progress.succeeded).toBe(PROPERTIES * MONTHS);
    expect(modelCache.lookups).toBe(PROPERTIES * MONTHS);
    expect(modelCache.misses).toBe(PROPERTIES);
    expect(modelCache.trainings).toBe(PROPERTIES);
    expect(modelCache.meanTrainMs).toBeGreaterThan(0);
    const rows = await cacheRows();
    expect(rows.map((row) => row.property_id).sort()).toEqual(propertyIds);
    expect(await knex('pyod_model_selection_log').count<{ count: string }[]>('* as count')).toEqual([{ count: String(PROPERTIES) }]);
    console.log(`first job: ${JSON.stringify(modelCache)}`);
  });

  test('identical second job hits the cache', async () => {
    const { result, modelCache } = await runJob();

    expect(result.status).toBe('completed');
    expect(modelCache.hitRate).toBeGreaterThanOrEqual(0.95);
    expect(modelCache.misses).toBe(0);
    const used = await cacheRows();
    expect(used).toHaveLength(PROPERTIES);
    expect(used.map((row) => row.use_count)).toEqual(used.map(() => 2 * MONTHS));
    console.log(`second job: ${JSON.stringify(modelCache)}`);
  });

  test('changed statement retrains only its scope', async () => {
    const before = await cacheRows();
    const line = await knex('financial_line_items as l')
      .join('document_uploads as d', 'd.id', 'l.document_upload_id')
      .where({ 'd.property_id': propertyIds[0], 'l.account_code': '5310-0000' })
      .orderBy('d.period_end')
      .first<{ id: number }>('l.id');
    await knex('financial_line_items').where({ id: line.id }).update({ amount: knex.raw('amount + 10.00') });

    const { modelCache } = await runJob();

    expect(modelCache.misses).toBe(1);
    expect(modelCache.hits).toBe(PROPERTIES * MONTHS - 1);
    const after = await cacheRows();
    expect(after).toHaveLength(PROPERTIES + 1);
    expect(after.filter((row) => !before.some((old) => old.model_key === row.model_key)).map((row) => row.property_id)).toEqual([propertyIds[0]]);
  });

  test('expired model is retrained in place', async () => {
    const [row] = await knex('anomaly_model_cache').where({ property_id: propertyIds[1] }).select<CacheRowView[]>('id', 'model_key', 'trained_at');
    await knex('anomaly_model_cache').where({ id: row!.id }).update({ expires_at: knex.raw("now() - interval '1 day'") });
    await restartWorker();

    const { modelCache } = await runJob();

    expect(modelCache.misses).toBe(1);
    const [renewed] = await knex('anomaly_model_cache').where({ id: row!.id }).select<{ model_key: string; trained_at: Date; expires_at: Date }[]>('model_key', 'trained_at', 'expires_at');
    expect(renewed!.model_key).toBe(row!.model_key);
    expect(new Date(renewed!.trained_at).getTime()).toBeGreaterThan(new Date(row!.trained_at).getTime());
    expect(new Date(renewed!.expires_at).getTime()).toBeGreaterThan(Date.now());
  });

  test('corrupted cache row is replaced and its documents succeed', async () => {
    const [row] = await knex('anomaly_model_cache').where({ property_id: propertyIds[2] }).select<CacheRowView[]>('id', 'model_key');
    await knex('anomaly_model_cache').where({ id: row!.id }).update({ model_binary: Buffer.from('{"envelopeVersion": 1, "truncated') });
    await restartWorker();

    const { result, modelCache } = await runJob();

    expect(result.status).toBe('completed');
    expect(result.progress.failed).toBe(0);
    expect(modelCache.misses).toBe(1);
    const [repaired] = await knex('anomaly_model_cache').where({ id: row!.id }).select<{ model_binary: Buffer }[]>('model_binary');
    expect(() => JSON.parse(repaired!.model_binary.toString('utf8')) as unknown).not.toThrow();
  });

  test('concurrent training of one key leaves one row', async () => {
    await knex('anomaly_model_cache').delete();
    const first = await knex('document_uploads').where({ property_id: propertyIds[0] }).orderBy('period_end', 'desc').first<{ period_start: string; period_end: string }>(
      knex.raw("to_char(period_start, 'YYYY-MM-DD') as period_start"),
      knex.raw("to_char(period_end, 'YYYY-MM-DD') as period_end"),
    );
    const scope = await resolveScope(knex, { propertyId: propertyIds[0]!, documentType: 'income_statement', periodStart: first.period_start, periodEnd: first.period_end });
    const caches = [new ModelCache(knex), new ModelCache(knex)];

    const obtained = await Promise.all(caches.map((cache) => cache.obtain(scope!)));
    await Promise.all(caches.map((cache) => cache.close()));

    expect(obtained.map((model) => model?.source)).toEqual(['trained', 'trained']);
    expect(obtained[0]!.model.modelKey).toBe(obtained[1]!.model.modelKey);
    expect(await cacheRows()).toHaveLength(1);
  });

  test('cache flag off trains every document and writes no rows', async () => {
    await knex('anomaly_model_cache').delete();
    await worker.stop();
    taskQueue = uniqueTaskQueue('models');
    worker = await startModelWorker(orm, taskQueue, { multivariate: true, modelCache: false });

    const { modelCache } = await runJob();

    expect(modelCache.lookups).toBe(0);
    expect(modelCache.trainings).toBe(PROPERTIES * MONTHS);
    expect(await cacheRows()).toHaveLength(0);
  });

  test('multivariate flag off adds no multivariate findings', async () => {
    await worker.stop();
    taskQueue = uniqueTaskQueue('models');
    worker = await startModelWorker(orm, taskQueue, { multivariate: false, modelCache: true });

    const job = await createJob(knex, client, taskQueue, { filters: {}, options: { maxConcurrency: 8 } });
    await client.workflow.getHandle(job.workflowId).result();

    const multivariate = await knex('anomaly_detections').where({ batch_job_id: job.jobId }).where('detector', 'like', 'multivariate.%').count<{ count: string }[]>('* as count');
    expect(multivariate).toEqual([{ count: '0' }]);
    const summary = await knex('batch_reprocessing_jobs').where({ id: job.jobId }).first<{ results_summary: { modelCache?: unknown } }>('results_summary');
    expect(summary.results_summary.modelCache).toBeUndefined();
  });
});
