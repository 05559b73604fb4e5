/** Reads and writes batch job rows and their per-document outcomes. */
import type { Knex } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';

import { applyFilters, normalizeFilters, type ExtractionStatusFilter, type JobFilters } from '../jobs/filters';
import type { DocumentType } from '../domain/statements';
import type { DocumentOutcomeKind } from './batch-types';

interface JobRow {
  id: number;
  property_ids: number[] | null;
  date_range_start: string | null;
  date_range_end: string | null;
  document_types: DocumentType[] | null;
  extraction_status_filter: ExtractionStatusFilter | null;
}

/** Reads a job's document filters; a missing job is a non-retryable JobNotFoundError. */
export async function loadJobFilters(knex: Knex, jobId: number): Promise<Required<JobFilters>> {
  const row = await knex('batch_reprocessing_jobs')
    .where({ id: jobId })
    .first<JobRow | undefined>(
      'id', 'property_ids', 'document_types', 'extraction_status_filter',
      knex.raw("to_char(date_range_start, 'YYYY-MM-DD') as date_range_start"),
      knex.raw("to_char(date_range_end, 'YYYY-MM-DD') as date_range_end"),
    );
  if (!row) throw ApplicationFailure.nonRetryable(`batch job ${jobId} does not exist`, 'JobNotFoundError');

  return normalizeFilters({
    propertyIds: row.property_ids ?? [],
    dateFrom: row.date_range_start,
    dateTo: row.date_range_end,
    documentTypes: row.document_types ?? [],
    extractionStatus: row.extraction_status_filter ?? 'completed',
  });
}

/** Counts the documents the filters select, and the largest id among them. */
export async function countSelection(knex: Knex, filters: Required<JobFilters>): Promise<{ count: number; maxId: number }> {
  const row = await applyFilters(knex('document_uploads as d'), filters).first<{ count: string; max_id: number | null }>(
    knex.raw('count(*) as count'),
    knex.raw('max(d.id) as max_id'),
  );
  return { count: Number(row?.count ?? 0), maxId: row?.max_id ?? 0 };
}

export async function pageSelection(knex: Knex, filters: Required<JobFilters>, afterId: number, maxId: number, limit: number): Promise<number[]> {
  const rows = await applyFilters(knex('document_uploads as d'), filters)
    .where('d.id', '>', afterId)
    .where('d.id', '<=', maxId)
    .orderBy('d.id')
    .limit(limit)
    .select<{ id: number }[]>('d.id');
  return rows.map((row) => row.id);
}

export interface OutcomeRecord {
  jobId: number;
  documentId: number;
  outcome: DocumentOutcomeKind;
  reason: string | null;
  detectionCount: number;
  durationMs: number;
}

/** Records a document's outcome for a job; recording it again overwrites, so counts never double. */
export async function upsertOutcome(knex: Knex, record: OutcomeRecord): Promise<void> {
  await knex('batch_job_documents')
    .insert({
      job_id: record.jobId,
      document_upload_id: record.documentId,
      outcome: record.outcome,
      reason: record.reason,
      detection_count: record.detectionCount,
      duration_ms: record.durationMs,
      processed_at: knex.fn.now(),
    })
    .onConflict(['job_id', 'document_upload_id'])
    .merge();
}
