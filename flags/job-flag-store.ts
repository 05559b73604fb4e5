/**
 * Reads and writes a job's flag record (`batch_reprocessing_jobs.results_summary.flags`)
 * and the properties a job selects.
 */
import type { Knex } from '@mikro-orm/postgresql';

import { applyFilters, type JobFilters } from '../jobs/filters';
import type { JobFlagRecord, SelectedProperty } from './job-flags';

/** Distinct properties of the selected documents, ascending by id; `maxDocumentId` bounds the selection as a job fixes it. */
export async function selectionProperties(knex: Knex, filters: Required<JobFilters>, maxDocumentId?: number): Promise<SelectedProperty[]> {
  const query = applyFilters(knex('document_uploads as d'), filters).join('properties as p', 'p.id', 'd.property_id');
  if (maxDocumentId !== undefined) void query.where('d.id', '<=', maxDocumentId);

  const rows = await query.distinct<{ id: number; property_group: string | null }[]>('p.id', 'p.property_group').orderBy('p.id');
  return rows.map((row) => ({ id: row.id, group: row.property_group }));
}

export async function jobInitiator(knex: Knex, jobId: number): Promise<number | null> {
  const row = await knex('batch_reprocessing_jobs').where({ id: jobId }).first<{ initiated_by: number | null } | undefined>('initiated_by');
  return row?.initiated_by ?? null;
}

export async function loadJobFlagRecord(knex: Knex, jobId: number): Promise<JobFlagRecord | null> {
  const row = await knex('batch_reprocessing_jobs')
    .where({ id: jobId })
    .first<{ flags: JobFlagRecord | null } | undefined>(knex.raw("results_summary -> 'flags' as flags"));
  return row?.flags ?? null;
}

/**
 * Stores the record unless the job already has one, and returns the stored
 * record. Write-once keeps a retried `beginJob` from replacing the decisions
 * that documents may already have followed.
 */
export async function saveJobFlagRecord(knex: Knex, jobId: number, record: JobFlagRecord): Promise<JobFlagRecord> {
  await knex('batch_reprocessing_jobs')
    .where({ id: jobId })
    .whereRaw("(results_summary is null or results_summary -> 'flags' is null)")
    .update({
      results_summary: knex.raw("coalesce(results_summary, '{}'::jsonb) || jsonb_build_object('flags', ?::jsonb)", [JSON.stringify(record)]),
      updated_at: knex.fn.now(),
    });
  return (await loadJobFlagRecord(knex, jobId)) ?? record;
}

export async function documentPropertyId(knex: Knex, documentId: number): Promise<number | null> {
  const row = await knex('document_uploads').where({ id: documentId }).first<{ property_id: number | null } | undefined>('property_id');
  return row?.property_id ?? null;
}

/**
 * Job records by job id, read from the database once per worker. Records are
 * write-once, so a cached record never goes stale; jobs without a record are
 * not cached.
 */
export class JobFlagCache {
  private readonly records = new Map<number, JobFlagRecord>();

  constructor(
    private readonly knex: Knex,
    private readonly capacity = 64,
  ) {}

  async get(jobId: number): Promise<JobFlagRecord | null> {
    const cached = this.records.get(jobId);
    if (cached !== undefined) return cached;

    const record = await loadJobFlagRecord(this.knex, jobId);
    if (record === null) return null;
    if (this.records.size >= this.capacity) this.records.delete(this.records.keys().next().value!);
    this.records.set(jobId, record);
    return record;
  }
}
