import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';

import { createJob } from '../../jobs/create-job';
import type { MikroORM } from '../../db/orm';
import type { BatchReprocessResult } from '../../workflows/batch-reprocess';
import { progressQuery } from '../../workflows/batch-messages';
import { openTestOrm } from '../support/database';
import { incomeStatementLines, insertDocument, insertProperty, months } from '../support/factories';
import { connectClient, temporalAddress, uniqueTaskQueue } from '../support/temporal';

const root = path.resolve(__dirname, '../..');

/** Runs `npm run worker`'s entry point as its own process, as an operator would. */
function startWorkerProcess(databaseUrl: string, taskQueue: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'worker/main.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress(), TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn', UNLEASH_URL: process.env.REIMS_TEST_UNLEASH_URL, UNLEASH_API_TOKEN: process.env.REIMS_TEST_UNLEASH_API_TOKEN || 'unused' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('worker killed mid-job', () => {
  let orm: MikroORM;
  let knex: Knex;
  let databaseUrl: string;
  let closeDatabase: () => Promise<void>;
  let client: Client;
  let closeClient: () => Promise<void>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    const opened = await openTestOrm('crash');
    ({ orm, close: closeDatabase } = opened);
    databaseUrl = opened.database.url;
    knex = orm.em.getConnection().getKnex();
    ({ client, close: closeClient } = await connectClient());
    for (const code of ['WK-1', 'WK-2', 'WK-3']) {
      const propertyId = await insertProperty(knex, code);
      for (const [index, month] of months('2023-01', 20).entries()) {
        await insertDocument(knex, { propertyId, month, lines: incomeStatementLines(90_000_00 + index * 10_00, index === 15 ? 30_000_00 : 3_000_00 + (index % 5) * 50_00) });
      }
    }
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closeClient();
    await closeDatabase();
  });

  test('a new worker finishes the job with exact counts and no duplicate detections', async () => {
    const taskQueue = uniqueTaskQueue('crash');
    const first = startWorkerProcess(databaseUrl, taskQueue);
    children.push(first);

    const job = await createJob(knex, client, taskQueue, { filters: {}, options: { maxConcurrency: 2 } });
    const handle = client.workflow.getHandle<(input: unknown) => Promise<BatchReprocessResult>>(job.workflowId);
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const progress = await handle.query(progressQuery).catch(() => null);
      if (progress && progress.processed >= 10) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    first.kill('SIGKILL');
    await exited(first);
    const processedAtKill = (await knex('batch_job_documents').where({ job_id: job.jobId }).count<{ count: string }[]>('* as count'))[0]!.count;
    expect(Number(processedAtKill)).toBeLessThan(60);

    const second = startWorkerProcess(databaseUrl, taskQueue);
    children.push(second);
    const result = await handle.result();
    second.kill('SIGTERM');
    await exited(second);

    expect(result.status).toBe('completed');
    expect(result.progress).toMatchObject({ total: 60, processed: 60, succeeded: 60, failed: 0, skipped: 0 });
    const outcomes = await knex('batch_job_documents').where({ job_id: job.jobId }).count<{ count: string }[]>('* as count');
    expect(Number(outcomes[0]!.count)).toBe(60);

    const duplicates = await knex('anomaly_detections')
      .groupBy('document_upload_id', 'detector', 'anomaly_type', 'account_code', 'line_item_id')
      .havingRaw('count(*) > 1')
      .select('document_upload_id');
    expect(duplicates).toEqual([]);
    expect(await knex('batch_reprocessing_jobs').where({ id: job.jobId }).first()).toMatchObject({ status: 'completed', processed_documents: 60, successful_count: 60 });
  });
});
