import type { Knex } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';

import { createLogger } from '../../config/logger';
import type { MikroORM } from '../../db/orm';
import { BatchReprocessingDisabledError, createJob } from '../../jobs/create-job';
import type { FeatureFlags } from '../../flags/feature-flags';
import { defaultDecisions } from '../../flags/flag-definitions';
import { propertiesWithFlag, type JobFlagRecord } from '../../flags/job-flags';
import type { BatchReprocessResult } from '../../workflows/batch-reprocess';
import { pauseSignal, progressQuery, resumeSignal } from '../../workflows/batch-messages';
import { createWorker } from '../../worker/create-worker';
import { openTestOrm } from '../support/database';
import { incomeStatementLines, insertDocument, insertProperty } from '../support/factories';
import { connectClient, temporalAddress, uniqueTaskQueue, workflowBundle } from '../support/temporal';
import {
  capturingLogger,
  closedPort,
  deleteTestFlags,
  provisionTestFlags,
  setRollout,
  startTestFlags,
  switchFlag,
  testPrefix,
  toggle,
  waitForRollout,
  waitForToggle,
  waitUntil,
  WARN_LEVEL,
} from './flag-test-support';

const PROPERTY_COUNT = 40;
const DOCUMENTS_PER_PROPERTY = 2;

/** Starts a worker whose activities use the given flag client. */
async function startFlagWorker(orm: MikroORM, taskQueue: string, flags: FeatureFlags): Promise<() => Promise<void>> {
  const connection = await NativeConnection.connect({ address: temporalAddress() });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue,
    orm,
    flags,
    logger: createLogger('test-worker', 'warn'),
    workerOptions: { workflowBundle: await workflowBundle(), workflowsPath: undefined },
  });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running;
    await connection.close();
  };
}

describe('job flag decisions', () => {
  const prefix = testPrefix();
  let orm: MikroORM;
  let knex: Knex;
  let closeDatabase: () => Promise<void>;
  let client: Client;
  let closeClient: () => Promise<void>;
  let flags: FeatureFlags;
  let taskQueue: string;
  let stopWorker: () => Promise<void>;
  const properties: { id: number; group: string }[] = [];

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Another suite in this process installed the runtime already.
    }
    ({ orm, close: closeDatabase } = await openTestOrm('flags'));
    knex = orm.em.getConnection().getKnex();
    ({ client, close: closeClient } = await connectClient());
    for (let index = 1; index <= PROPERTY_COUNT; index += 1) {
      const group = index % 2 === 0 ? 'office' : 'retail';
      const id = await insertProperty(knex, `FL-${index}`, group);
      properties.push({ id, group });
      for (const month of ['2024-01', '2024-02'].slice(0, DOCUMENTS_PER_PROPERTY)) {
        await insertDocument(knex, { propertyId: id, month, lines: incomeStatementLines(50_000_00, 2_000_00) });
      }
    }

    await provisionTestFlags(prefix);
    flags = await startTestFlags(prefix);
    await waitForToggle(flags, 'reims.batch-reprocessing', true);
    taskQueue = uniqueTaskQueue('flags');
    stopWorker = await startFlagWorker(orm, taskQueue, flags);
  });

  afterAll(async () => {
    await stopWorker();
    await flags.close();
    await closeClient();
    await closeDatabase();
    await deleteTestFlags(prefix);
  });

  async function runJob(jobFlags: FeatureFlags = flags, queue = taskQueue) {
    const created = await createJob(knex, client, queue, { filters: {}, flags: jobFlags });
    const handle = client.workflow.getHandle<(input: unknown) => Promise<BatchReprocessResult>>(created.workflowId);
    return { ...created, handle };
  }

  async function jobRecord(jobId: number): Promise<JobFlagRecord> {
    const row = await knex('batch_reprocessing_jobs').where({ id: jobId }).first<{ results_summary: { flags: JobFlagRecord } }>('results_summary');
    return row.results_summary.flags;
  }

  async function jobCount(): Promise<number> {
    const [row] = await knex('batch_reprocessing_jobs').count<{ count: string }[]>('* as count');
    return Number(row!.count);
  }

  async function setFlag(flag: Parameters<typeof toggle>[1], on: boolean): Promise<void> {
    await switchFlag(toggle(prefix, flag), on);
    await waitForToggle(flags, flag, on);
  }

  test('job is rejected while batch reprocessing is off', async () => {
    await setFlag('reims.batch-reprocessing', false);
    const before = await jobCount();

    const rejected = createJob(knex, client, taskQueue, { filters: {}, flags });
    await expect(rejected).rejects.toThrow(BatchReprocessingDisabledError);
    await expect(rejected).rejects.toThrow(
      `Batch reprocessing is turned off: the Unleash flag "${prefix}reims.batch-reprocessing" is off for all ${PROPERTY_COUNT} selected properties in environment "development", so no job was created.`,
    );
    expect(await jobCount()).toBe(before);

    await setFlag('reims.batch-reprocessing', true);
    const job = await runJob();
    const result = await job.handle.result();
    expect(result.status).toBe('completed');
    expect(result.progress.processed).toBe(PROPERTY_COUNT * DOCUMENTS_PER_PROPERTY);
  });

  test('50% rollout by property matches the client', async () => {
    await setRollout(toggle(prefix, 'reims.multivariate-detectors'), 50);
    await setRollout(toggle(prefix, 'reims.batch-reprocessing'), 50);
    await setFlag('reims.multivariate-detectors', true);
    await waitForRollout(flags, 'reims.multivariate-detectors', 50);
    await waitForRollout(flags, 'reims.batch-reprocessing', 50);

    const first = await runJob();
    const firstResult = await first.handle.result();
    const second = await runJob();
    await second.handle.result();
    const firstRecord = await jobRecord(first.jobId);
    const secondRecord = await jobRecord(second.jobId);

    const expectedOn = properties.filter((property) => flags.isEnabled('reims.multivariate-detectors', { propertyId: property.id, propertyGroup: property.group })).map((property) => property.id);
    const batchOff = properties.filter((property) => !flags.isEnabled('reims.batch-reprocessing', { propertyId: property.id, propertyGroup: property.group }));
    expect(propertiesWithFlag(firstRecord, 'reims.multivariate-detectors')).toEqual(expectedOn);
    expect(propertiesWithFlag(secondRecord, 'reims.multivariate-detectors')).toEqual(expectedOn);
    // Binomial(40, 0.5) has a standard deviation of 3.2, so 8..32 is ±4 deviations (about 1 failure in 15,000 prefixes).
    expect(expectedOn.length).toBeGreaterThanOrEqual(8);
    expect(expectedOn.length).toBeLessThanOrEqual(32);
    expect(Object.keys(firstRecord.byProperty)).toHaveLength(PROPERTY_COUNT);
    expect(firstResult.progress.skipped).toBe(batchOff.length * DOCUMENTS_PER_PROPERTY);

    await setRollout(toggle(prefix, 'reims.batch-reprocessing'), 100);
    await setRollout(toggle(prefix, 'reims.multivariate-detectors'), 100);
    await setFlag('reims.multivariate-detectors', false);
    await waitForRollout(flags, 'reims.batch-reprocessing', 100);
  });

  test('toggle mid-job changes only the next job', async () => {
    const job = await runJob();
    await job.handle.signal(pauseSignal);
    await waitUntil('the job is paused', async () => (await knex('batch_reprocessing_jobs').where({ id: job.jobId }).first('status')).status === 'paused');
    const recordAtStart = await jobRecord(job.jobId);

    await setFlag('reims.batch-reprocessing', false);
    await setFlag('reims.model-cache', true);
    const progressAtToggle = await job.handle.query(progressQuery);
    await job.handle.signal(resumeSignal);
    const result = await job.handle.result();

    expect(progressAtToggle.processed).toBeLessThan(progressAtToggle.total);
    expect(result.progress).toMatchObject({ processed: PROPERTY_COUNT * DOCUMENTS_PER_PROPERTY, skipped: 0 });
    expect(await jobRecord(job.jobId)).toEqual(recordAtStart);
    expect(propertiesWithFlag(recordAtStart, 'reims.model-cache')).toEqual([]);
    await expect(createJob(knex, client, taskQueue, { filters: {}, flags })).rejects.toThrow(BatchReprocessingDisabledError);

    await setFlag('reims.batch-reprocessing', true);
    const next = await runJob();
    await next.handle.result();
    expect(propertiesWithFlag(await jobRecord(next.jobId), 'reims.model-cache')).toEqual(properties.map((property) => property.id));
    await setFlag('reims.model-cache', false);
  });

  test('unreachable Unleash runs a job on defaults', async () => {
    const { logger, lines } = capturingLogger();
    const offline = await startTestFlags(prefix, { url: `http://127.0.0.1:${await closedPort()}/api/`, logger, refreshIntervalMs: 1_000 });
    const offlineQueue = uniqueTaskQueue('flags-offline');
    const stopOffline = await startFlagWorker(orm, offlineQueue, offline);
    try {
      const job = await runJob(offline, offlineQueue);
      const result = await job.handle.result();
      const record = await jobRecord(job.jobId);

      expect(result.status).toBe('completed');
      expect(record.source).toBe('defaults');
      expect(Object.values(record.byProperty)).toEqual(properties.map(() => defaultDecisions()));
      expect(lines.filter((line) => line.level === WARN_LEVEL)).toEqual([expect.objectContaining({ msg: 'Unleash server unreachable; feature flags use their documented defaults' })]);
    } finally {
      await stopOffline();
      await offline.close();
    }
  });
});
