import type { Knex } from '@mikro-orm/postgresql';
import { WorkflowFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';

import { createJob } from '../../jobs/create-job';
import type { BatchReprocessOptions, BatchReprocessResult } from '../../workflows/batch-reprocess';
import { cancelSignal, pauseSignal, progressQuery, resumeSignal } from '../../workflows/batch-messages';
import type { MikroORM } from '../../db/orm';
import { openTestOrm } from '../support/database';
import { incomeStatementLines, insertDocument, insertProperty, months } from '../support/factories';
import { connectClient, startTestWorker, uniqueTaskQueue, workflowBundle } from '../support/temporal';

const MONTHS = months('2023-01', 14);
const SPIKE_MONTH = '2024-01';
const BASE_RENT = 100_000_00;
const BASE_REPAIRS = 4_000_00;

describe('batch reprocessing workflow', () => {
  let orm: MikroORM;
  let knex: Knex;
  let closeDatabase: () => Promise<void>;
  let client: Client;
  let closeClient: () => Promise<void>;
  let taskQueue: string;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let slowTaskQueue: string;
  let slowWorker: Awaited<ReturnType<typeof startTestWorker>>;
  const propertyIds: number[] = [];
  let spikeDocumentId = 0;
  let corruptDocumentId = 0;
  const workflowIds: string[] = [];

  beforeAll(async () => {
    ({ orm, close: closeDatabase } = await openTestOrm('batch'));
    knex = orm.em.getConnection().getKnex();
    ({ client, close: closeClient } = await connectClient());

    for (const code of ['BW-1', 'BW-2', 'BW-3']) {
      const propertyId = await insertProperty(knex, code);
      propertyIds.push(propertyId);
      for (const [index, month] of MONTHS.entries()) {
        // Small, steady variation so history checks have a spread to judge against.
        const rent = BASE_RENT + (index % 3) * 500_00;
        const repairs = code === 'BW-1' && month === SPIKE_MONTH ? BASE_REPAIRS * 10 : BASE_REPAIRS + (index % 4) * 100_00;
        const documentId = await insertDocument(knex, { propertyId, month, lines: incomeStatementLines(rent, repairs) });
        if (code === 'BW-1' && month === SPIKE_MONTH) spikeDocumentId = documentId;
      }
    }
    const lines = incomeStatementLines(BASE_RENT, BASE_REPAIRS);
    lines[0] = { ...lines[0]!, cents: null };
    corruptDocumentId = await insertDocument(knex, { propertyId: propertyIds[2]!, month: '2024-03', lines });

    taskQueue = uniqueTaskQueue('batch');
    worker = await startTestWorker(orm, taskQueue);
    slowTaskQueue = uniqueTaskQueue('batch-slow');
    slowWorker = await startTestWorker(orm, slowTaskQueue, { documentDelayMs: 100 });
  });

  afterAll(async () => {
    await worker.stop();
    await slowWorker.stop();
    await closeClient();
    await closeDatabase();
  });

  async function startJob(filters: Parameters<typeof createJob>[3]['filters'], options: BatchReprocessOptions = {}, queue = taskQueue) {
    const created = await createJob(knex, client, queue, { filters, options, jobName: null });
    workflowIds.push(created.workflowId);
    return { ...created, handle: client.workflow.getHandle<(input: unknown) => Promise<BatchReprocessResult>>(created.workflowId) };
  }

  async function jobRow(jobId: number): Promise<Record<string, any>> {
    return (await knex('batch_reprocessing_jobs').where({ id: jobId }).first()) as Record<string, any>;
  }

  async function outcomeCount(jobId: number): Promise<number> {
    const row = await knex('batch_job_documents').where({ job_id: jobId }).count<{ count: string }[]>('* as count');
    return Number(row[0]!.count);
  }

  async function openDetections(documentIds?: number[]): Promise<string[]> {
    const query = knex('anomaly_detections').where({ status: 'open' });
    if (documentIds) void query.whereIn('document_upload_id', documentIds);
    const rows = await query.select('document_upload_id', 'detector', 'anomaly_type', 'account_code', 'actual_value', 'expected_value');
    return rows.map((row: Record<string, unknown>) => Object.values(row).join('|')).sort();
  }

  async function waitForProcessed(handle: WorkflowHandle, atLeast: number): Promise<number> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const progress = await handle.query(progressQuery);
      if (progress.processed >= atLeast) return progress.processed;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`job did not reach ${atLeast} processed documents`);
  }

  test('a full job over clean statements completes with exact counts and finds the spike', async () => {
    const job = await startJob({ propertyIds: propertyIds.slice(0, 2) });
    const result = await job.handle.result();

    expect(job.totalDocuments).toBe(2 * MONTHS.length);
    expect(result.status).toBe('completed');
    expect(result.progress).toMatchObject({ total: 28, processed: 28, succeeded: 28, failed: 0, skipped: 0, percent: 100 });

    const row = await jobRow(job.jobId);
    expect(row).toMatchObject({ status: 'completed', total_documents: 28, processed_documents: 28, successful_count: 28, failed_count: 0, skipped_count: 0, celery_task_id: `batch-reprocess-${job.jobId}` });
    expect(await outcomeCount(job.jobId)).toBe(28);

    const spikeFindings = await knex('anomaly_detections').where({ document_upload_id: spikeDocumentId, account_code: '5210-0000' }).select('anomaly_type', 'actual_value');
    expect(spikeFindings.map((finding: { anomaly_type: string }) => finding.anomaly_type)).toContain('robust_zscore_outlier');
    expect(spikeFindings[0].actual_value).toBe('40000.00');
    expect(row.results_summary.detections.total).toBeGreaterThan(0);
    expect(row.results_summary.slowestDocuments).toHaveLength(10);
  });

  test('a failing document is counted with its reason and the job ends completed_with_errors', async () => {
    const job = await startJob({ propertyIds: [propertyIds[2]!] });
    const result = await job.handle.result();

    expect(result.status).toBe('completed_with_errors');
    expect(result.progress).toMatchObject({ total: 15, processed: 15, succeeded: 14, failed: 1, skipped: 0 });
    const row = await jobRow(job.jobId);
    expect(row.results_summary.failures).toEqual([{ documentId: corruptDocumentId, reason: expect.stringMatching(/^corrupt statement data: .*amountCents null/) }]);
  });

  test('rerunning the same filters leaves one set of detections', async () => {
    const filters = { propertyIds: propertyIds.slice(0, 2) };
    await (await startJob(filters)).handle.result();
    const afterFirst = await openDetections();
    await (await startJob(filters)).handle.result();

    expect(await openDetections()).toEqual(afterFirst);
  });

  test('a job through several continue-as-new runs gives the results of a single run', async () => {
    const filters = { propertyIds };
    const single = await (await startJob(filters)).handle.result();
    const detectionsSingle = await openDetections();

    const job = await startJob(filters, { pageSize: 3, continueAsNewAfter: 5, maxConcurrency: 2 });
    const chained = await job.handle.result();

    expect(chained.progress).toMatchObject({ total: single.progress.total, processed: single.progress.processed, succeeded: single.progress.succeeded, failed: single.progress.failed });
    expect(await openDetections()).toEqual(detectionsSingle);
    const runs = await job.handle.describe();
    expect(runs.runId).not.toBe(runs.raw.workflowExecutionInfo?.firstRunId);
  });

  test('pause holds processing and resume completes with the uninterrupted results', async () => {
    const filters = { propertyIds };
    const reference = await (await startJob(filters)).handle.result();
    const detectionsReference = await openDetections();

    const job = await startJob(filters, { maxConcurrency: 1, progressIntervalMs: 200 }, slowTaskQueue);
    await job.handle.signal(pauseSignal);
    const pausedAt = (await job.handle.query(progressQuery)).processed;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const stillPaused = await job.handle.query(progressQuery);
    expect(stillPaused.processed).toBe(pausedAt);
    expect(stillPaused.paused).toBe(true);
    expect((await jobRow(job.jobId)).status).toBe('paused');

    await job.handle.signal(resumeSignal);
    const result = await job.handle.result();
    expect(result.progress).toMatchObject({ processed: reference.progress.processed, succeeded: reference.progress.succeeded, failed: reference.progress.failed });
    expect(await openDetections()).toEqual(detectionsReference);
  });

  test('cancel signal mid-job ends cancelled with the documents actually processed', async () => {
    const job = await startJob({ propertyIds }, { maxConcurrency: 1, progressIntervalMs: 200 }, slowTaskQueue);
    await waitForProcessed(job.handle, 3);
    await job.handle.signal(pauseSignal);
    const before = await waitForStable(job.handle);
    await job.handle.signal(cancelSignal, 'test');
    const result = await job.handle.result();

    expect(result.status).toBe('cancelled');
    expect(result.progress.processed).toBe(before);
    expect(result.progress.processed).toBeLessThan(result.progress.total);
    expect(await outcomeCount(job.jobId)).toBe(before);
    expect(await jobRow(job.jobId)).toMatchObject({ status: 'cancelled', processed_documents: before });
  });

  test('cancelling the workflow has the same effect as the cancel signal', async () => {
    const job = await startJob({ propertyIds }, { maxConcurrency: 1, progressIntervalMs: 200 }, slowTaskQueue);
    await waitForProcessed(job.handle, 2);
    await job.handle.signal(pauseSignal);
    const before = await waitForStable(job.handle);
    await job.handle.cancel();

    await expect(job.handle.result()).rejects.toThrow(WorkflowFailedError);
    expect(await outcomeCount(job.jobId)).toBe(before);
    expect(await jobRow(job.jobId)).toMatchObject({ status: 'cancelled', processed_documents: before });
  });

  test('histories of these jobs replay without determinism errors', async () => {
    const histories = workflowIds.map((workflowId) => client.workflow.getHandle(workflowId).fetchHistory().then((history) => ({ workflowId, history })));
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, (async function* () {
      for (const entry of histories) yield await entry;
    })())) {
      expect({ workflowId: result.workflowId, error: result.error }).toEqual({ workflowId: result.workflowId, error: undefined });
      replayed += 1;
    }
    expect(replayed).toBe(workflowIds.length);
  });

  async function waitForStable(handle: WorkflowHandle): Promise<number> {
    let previous = -1;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const progress = await handle.query(progressQuery);
      if (progress.paused && progress.processed === previous) return previous;
      previous = progress.processed;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('job did not settle while paused');
  }
});
