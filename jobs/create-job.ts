/**
 * Creating and starting a batch job: validates the filters, records the job
 * row with the matching document count and a generated name when none is
 * given, then starts its workflow (`batch-reprocess-<jobId>`), findable in the
 * Web UI by its search attributes.
 *
 * A job is rejected, before any row is written, when the batch reprocessing
 * flag is off (BatchReprocessingDisabledError).
 */
import type { Knex } from '@mikro-orm/postgresql';
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';

import type { BatchReprocessOptions } from '../workflows/batch-reprocess';
import { INITIATED_BY_KEY, JOB_ID_KEY, JOB_STATUS_KEY } from '../workflows/search-attributes';
import { countSelection } from '../activities/job-store';
import { assertBatchReprocessingEnabled } from '../flags/batch-gate';
import type { FeatureFlags } from '../flags/feature-flags';
import { withFeatureFlags } from '../flags/process-flags';
import { normalizeFilters, type JobFilters } from './filters';

export { BatchReprocessingDisabledError } from '../flags/batch-gate';

export interface CreateJobInput {
  filters: JobFilters;
  jobName?: string | null;
  /** Id of the user starting the job (`initiated_by`). */
  initiatedBy?: number | null;
  options?: BatchReprocessOptions;
  /** Flag client; default the process client, else a short-lived one from the configuration. */
  flags?: FeatureFlags;
}

export interface CreatedJob {
  jobId: number;
  jobName: string;
  workflowId: string;
  totalDocuments: number;
}

export function workflowIdFor(jobId: number): string {
  return `batch-reprocess-${jobId}`;
}

function describeFilters(filters: Required<JobFilters>): string {
  const parts = [
    filters.documentTypes.length > 0 ? filters.documentTypes.join('+') : 'all types',
    filters.propertyIds.length > 0 ? `${filters.propertyIds.length} properties` : 'all properties',
    filters.dateFrom || filters.dateTo ? `${filters.dateFrom ?? '…'} to ${filters.dateTo ?? '…'}` : 'all periods',
  ];
  return parts.join(', ');
}

export async function createJob(knex: Knex, temporal: Client, taskQueue: string, input: CreateJobInput): Promise<CreatedJob> {
  const filters = normalizeFilters(input.filters);
  const { count } = await countSelection(knex, filters);
  const initiator = input.initiatedBy == null ? null : await knex('users').where({ id: input.initiatedBy }).first<{ id: number; email: string } | undefined>('id', 'email');
  if (input.initiatedBy != null && !initiator) throw new Error(`user ${input.initiatedBy} does not exist`);
  await withFeatureFlags(input.flags, (flags) => assertBatchReprocessingEnabled(knex, flags, filters, initiator?.id ?? null));

  // The row gets its generated name and workflow id in the same transaction, so no half-written job is ever visible.
  const { jobId, jobName, workflowId } = await knex.transaction(async (trx) => {
    const [row] = await trx('batch_reprocessing_jobs')
      .insert({
        job_name: input.jobName ?? null,
        initiated_by: initiator?.id ?? null,
        property_ids: JSON.stringify(filters.propertyIds),
        date_range_start: filters.dateFrom,
        date_range_end: filters.dateTo,
        document_types: JSON.stringify(filters.documentTypes),
        extraction_status_filter: filters.extractionStatus,
        status: 'queued',
        total_documents: count,
      })
      .returning<{ id: number }[]>('id');
    const id = row!.id;
    const name = input.jobName ?? `Reprocess ${describeFilters(filters)} (job ${id})`;
    await trx('batch_reprocessing_jobs').where({ id }).update({ job_name: name, celery_task_id: workflowIdFor(id) });
    return { jobId: id, jobName: name, workflowId: workflowIdFor(id) };
  });

  try {
    await temporal.workflow.start('batchReprocessWorkflow', {
      taskQueue,
      workflowId,
      args: [{ jobId, options: input.options }],
      // A closed run with this id (a job of an earlier, reset database) must not block the new job; a running one does.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: JOB_ID_KEY, value: jobId },
        { key: INITIATED_BY_KEY, value: initiator?.email ?? 'unknown' },
        { key: JOB_STATUS_KEY, value: 'queued' },
      ],
      staticSummary: `${jobName}: ${count} documents`,
    });
  } catch (error) {
    await knex('batch_reprocessing_jobs')
      .where({ id: jobId })
      .update({ status: 'failed', results_summary: JSON.stringify({ error: `workflow did not start: ${(error as Error).message}` }), completed_at: knex.fn.now() });
    throw error;
  }

  return { jobId, jobName, workflowId, totalDocuments: count };
}
