/**
 * Reads batch jobs for the API: the job row in the API's shape, and the live
 * progress from the workflow's `progress` query while the job runs.
 */
import type { Knex } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';

import type { JobProgress } from '../activities/batch-types';
import { workflowIdFor } from '../jobs/create-job';
import { progressQuery } from '../workflows/batch-messages';
import { isoDate } from './values';

export const JOB_STATUSES = ['queued', 'running', 'paused', 'completed', 'completed_with_errors', 'failed', 'cancelled'] as const;
export const FINAL_JOB_STATUSES: ReadonlySet<string> = new Set(['completed', 'completed_with_errors', 'failed', 'cancelled']);

export type JobRow = Record<string, unknown> & { id: number; status: string };

export interface JobView {
  id: number;
  jobName: string | null;
  status: string;
  initiatedBy: { id: number; email: string } | null;
  workflowId: string | null;
  filters: { propertyIds: number[]; dateFrom: string | null; dateTo: string | null; documentTypes: string[]; extractionStatus: string | null };
  counts: { total: number; processed: number; succeeded: number; failed: number; skipped: number };
  resultsSummary: unknown;
  startedAt: unknown;
  completedAt: unknown;
  estimatedCompletionAt: unknown;
  createdAt: unknown;
  updatedAt: unknown;
}

/** Selects job rows with the initiator's email, for `toJobView`. */
export function jobQuery(knex: Knex): Knex.QueryBuilder {
  return knex('batch_reprocessing_jobs as j').leftJoin('users as u', 'u.id', 'j.initiated_by').select('j.*', 'u.email as initiator_email');
}

export async function readJob(knex: Knex, jobId: number): Promise<JobRow | undefined> {
  return (await jobQuery(knex).where('j.id', jobId).first()) as JobRow | undefined;
}


export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    jobName: (row.job_name as string | null) ?? null,
    status: row.status,
    initiatedBy: row.initiated_by == null ? null : { id: Number(row.initiated_by), email: String(row.initiator_email) },
    workflowId: (row.celery_task_id as string | null) ?? null,
    filters: {
      propertyIds: (row.property_ids as number[] | null) ?? [],
      dateFrom: isoDate(row.date_range_start),
      dateTo: isoDate(row.date_range_end),
      documentTypes: (row.document_types as string[] | null) ?? [],
      extractionStatus: (row.extraction_status_filter as string | null) ?? null,
    },
    counts: {
      total: Number(row.total_documents ?? 0),
      processed: Number(row.processed_documents ?? 0),
      succeeded: Number(row.successful_count ?? 0),
      failed: Number(row.failed_count ?? 0),
      skipped: Number(row.skipped_count ?? 0),
    },
    resultsSummary: row.results_summary ?? null,
    startedAt: row.started_at ?? null,
    completedAt: row.completed_at ?? null,
    estimatedCompletionAt: row.estimated_completion_at ?? null,
    createdAt: row.created_at ?? null,
    updatedAt: row.updated_at ?? null,
  };
}

/**
 * Queries the running workflow for its progress. Returns null for a finished
 * job, and when no worker responds within `timeoutMs` (workers down, or the
 * workflow gone), because then the job row is the record.
 */
export async function liveProgress(temporal: Client, row: JobRow, timeoutMs: number, log: FastifyBaseLogger): Promise<JobProgress | null> {
  if (FINAL_JOB_STATUSES.has(row.status)) return null;

  try {
    const handle = temporal.workflow.getHandle(workflowIdFor(row.id));
    return await temporal.withDeadline(Date.now() + timeoutMs, () => handle.query(progressQuery));
  } catch (error) {
    log.debug({ jobId: row.id, err: error }, 'progress query failed; using the job row');
    return null;
  }
}
