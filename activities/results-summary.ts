/** The `results_summary` a finished job stores: what it found, what failed and why, what was slow. */
import type { Knex } from '@mikro-orm/postgresql';

import { loadJobFlagRecord } from '../flags/job-flag-store';
import type { JobFlagRecord } from '../flags/job-flags';
import { jobModelCacheSummary, type JobModelCacheSummary } from '../models/job-cache-figures';
import type { FinalizeJobInput } from './batch-types';

/** Failures listed one by one in the summary; the rest are counted. */
const FAILURES_LISTED = 100;

export interface ResultsSummary {
  status: FinalizeJobInput['status'];
  counts: { total: number; processed: number; succeeded: number; failed: number; skipped: number };
  detections: { total: number; bySeverity: Record<string, number>; byAnomalyType: Record<string, number>; byDetector: Record<string, number> };
  failures: { documentId: number; reason: string | null }[];
  failuresNotListed: number;
  skippedReasons: Record<string, number>;
  slowestDocuments: FinalizeJobInput['slowestDocuments'];
  documentsPerSecond: number;
  error?: string;
  /** Model-cache look-ups, hit rate and mean load and train times; absent when no document used a model. */
  modelCache?: JobModelCacheSummary;
  /** The flag decisions the job recorded when it began, carried over unchanged. */
  flags?: JobFlagRecord;
}

async function countBy(knex: Knex, jobId: number, column: string): Promise<Record<string, number>> {
  const rows = await knex('anomaly_detections')
    .where({ batch_job_id: jobId })
    .groupBy(column)
    .select<{ key: string; n: string }[]>(knex.raw('?? as key', [column]), knex.raw('count(*) as n'));
  return Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));
}

export async function buildResultsSummary(knex: Knex, input: FinalizeJobInput): Promise<ResultsSummary> {
  const [bySeverity, byAnomalyType, byDetector] = await Promise.all([
    countBy(knex, input.jobId, 'severity'),
    countBy(knex, input.jobId, 'anomaly_type'),
    countBy(knex, input.jobId, 'detector'),
  ]);
  const failures = await knex('batch_job_documents')
    .where({ job_id: input.jobId, outcome: 'failed' })
    .orderBy('document_upload_id')
    .limit(FAILURES_LISTED)
    .select<{ document_upload_id: number; reason: string | null }[]>('document_upload_id', 'reason');
  const skipped = await knex('batch_job_documents')
    .where({ job_id: input.jobId, outcome: 'skipped' })
    .groupBy('reason')
    .select<{ reason: string | null; n: string }[]>('reason', knex.raw('count(*) as n'));

  const flags = await loadJobFlagRecord(knex, input.jobId);

  const modelCache = await jobModelCacheSummary(knex, input.jobId);
  const { progress } = input;
  return {
    status: input.status,
    counts: { total: progress.total, processed: progress.processed, succeeded: progress.succeeded, failed: progress.failed, skipped: progress.skipped },
    detections: { total: Object.values(bySeverity).reduce((sum, n) => sum + n, 0), bySeverity, byAnomalyType, byDetector },
    failures: failures.map((row) => ({ documentId: row.document_upload_id, reason: row.reason })),
    failuresNotListed: Math.max(progress.failed - failures.length, 0),
    skippedReasons: Object.fromEntries(skipped.map((row) => [row.reason ?? 'no reason recorded', Number(row.n)])),
    slowestDocuments: input.slowestDocuments,
    documentsPerSecond: progress.documentsPerSecond,
    ...(input.error !== undefined ? { error: input.error } : {}),
    ...(modelCache !== null ? { modelCache } : {}),
    ...(flags !== null ? { flags } : {}),
  };
}
