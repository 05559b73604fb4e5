/**
 * Follows a running job until it ends: a live progress bar with counts and an
 * estimated completion time on stderr, from the workflow's `progress` query,
 * falling back to the job row while no worker handles queries.
 */
import { SingleBar } from 'cli-progress';
import type { Client } from '@temporalio/client';
import type { Knex } from '@mikro-orm/postgresql';

import type { JobProgress } from '../activities/batch-types';
import { workflowIdFor } from '../jobs/create-job';
import { progressQuery } from '../workflows/batch-messages';

const FINAL_STATUSES = new Set(['completed', 'completed_with_errors', 'failed', 'cancelled']);

export async function readJobRow(knex: Knex, jobId: number): Promise<Record<string, unknown> | undefined> {
  return knex('batch_reprocessing_jobs').where({ id: jobId }).first<Record<string, unknown> | undefined>();
}

async function currentProgress(temporal: Client, knex: Knex, jobId: number): Promise<{ progress: JobProgress | null; row: Record<string, unknown> | undefined }> {
  const row = await readJobRow(knex, jobId);
  if (row && FINAL_STATUSES.has(String(row.status))) return { progress: null, row };
  try {
    const progress = await temporal.workflow.getHandle(workflowIdFor(jobId)).query(progressQuery);
    return { progress, row };
  } catch {
    return { progress: null, row };
  }
}

function formatEta(iso: string | null): string {
  if (!iso) return 'estimating';
  const seconds = Math.max(0, Math.round((Date.parse(iso) - Date.now()) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

/** Polls until the job reaches a final status; returns its final row. */
export async function followJob(temporal: Client, knex: Knex, jobId: number, intervalMs = 500): Promise<Record<string, unknown>> {
  const interactive = process.stderr.isTTY === true;
  const bar = new SingleBar(
    {
      format: ' {bar} {percentage}% | {value}/{total} documents | ok {succeeded} failed {failed} skipped {skipped} | {rate} docs/s | ETA {eta_text} | {status}',
      stream: process.stderr,
      noTTYOutput: !interactive,
      notTTYSchedule: 5000,
      hideCursor: interactive,
    },
  );
  let started = false;

  for (;;) {
    const { progress, row } = await currentProgress(temporal, knex, jobId);
    if (!row) throw new Error(`job ${jobId} does not exist`);

    const total = progress?.total ?? Number(row.total_documents ?? 0);
    const payload = {
      succeeded: progress?.succeeded ?? row.successful_count,
      failed: progress?.failed ?? row.failed_count,
      skipped: progress?.skipped ?? row.skipped_count,
      rate: progress?.documentsPerSecond ?? '-',
      eta_text: formatEta(progress?.estimatedCompletionAt ?? null),
      status: progress?.status ?? row.status,
    };
    const processed = progress?.processed ?? Number(row.processed_documents ?? 0);
    if (!started) {
      bar.start(Math.max(total, 1), processed, payload);
      started = true;
    }
    bar.setTotal(Math.max(total, 1));
    bar.update(processed, payload);

    if (FINAL_STATUSES.has(String(row.status))) {
      bar.update(Number(row.processed_documents ?? processed), { ...payload, status: row.status, eta_text: 'done' });
      bar.stop();
      return row;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
