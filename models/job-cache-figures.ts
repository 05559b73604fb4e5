/**
 * Model-cache figures of a batch job. Each document's figures are added to
 * counters in the job row (`results_summary.modelCache`) in the document's
 * own transaction. They are added only the first time the job records that
 * document, so a retried activity never counts twice. Workflow history
 * carries none of it. The finished job's summary adds the rates and means.
 */
import type { Knex } from '@mikro-orm/postgresql';

/** One document's use of the model cache. */
export interface DocumentModelFigures {
  /** Cache look-ups: 1 when the cache was on and a model was needed, else 0. */
  lookups: number;
  hits: number;
  misses: number;
  /** Models fitted for this document: on a miss, or on every document with the cache off. */
  trainings: number;
  /** Time to load a model on a hit, in milliseconds. */
  loadMs: number;
  /** Time to train and store a model, in milliseconds. */
  trainMs: number;
}

export interface JobModelCacheSummary extends DocumentModelFigures {
  /** hits / lookups; null without look-ups. */
  hitRate: number | null;
  meanLoadMs: number | null;
  meanTrainMs: number | null;
}

const COUNTERS = ['lookups', 'hits', 'misses', 'trainings', 'loadMs', 'trainMs'] as const;

export function emptyFigures(): DocumentModelFigures {
  return { lookups: 0, hits: 0, misses: 0, trainings: 0, loadMs: 0, trainMs: 0 };
}

/**
 * Adds a document's figures to its job's counters unless the job already
 * recorded an outcome for the document. Call inside the transaction that
 * records the outcome, before recording it.
 */
export async function addDocumentFigures(trx: Knex, jobId: number, documentId: number, figures: DocumentModelFigures): Promise<void> {
  if (figures.lookups === 0 && figures.trainings === 0) return;
  const seen = await trx('batch_job_documents').where({ job_id: jobId, document_upload_id: documentId }).first<{ job_id: number } | undefined>('job_id');
  if (seen !== undefined) return;

  const sums = COUNTERS.map((name) => `'${name}', coalesce((results_summary -> 'modelCache' ->> '${name}')::float8, 0) + ?::float8`).join(', ');
  await trx('batch_reprocessing_jobs')
    .where({ id: jobId })
    .update({
      results_summary: trx.raw(`coalesce(results_summary, '{}'::jsonb) || jsonb_build_object('modelCache', jsonb_build_object(${sums}))`, COUNTERS.map((name) => figures[name])),
    });
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/** Reads the job's counters and adds hit rate and means; null when no document used a model. */
export async function jobModelCacheSummary(knex: Knex, jobId: number): Promise<JobModelCacheSummary | null> {
  const row = await knex('batch_reprocessing_jobs').where({ id: jobId }).first<{ figures: Partial<DocumentModelFigures> | null } | undefined>(knex.raw("results_summary -> 'modelCache' as figures"));
  if (!row?.figures) return null;

  const figures = emptyFigures();
  for (const name of COUNTERS) figures[name] = Number(row.figures[name] ?? 0);
  return {
    ...figures,
    loadMs: round(figures.loadMs, 1),
    trainMs: round(figures.trainMs, 1),
    hitRate: figures.lookups === 0 ? null : round(figures.hits / figures.lookups, 4),
    meanLoadMs: figures.hits === 0 ? null : round(figures.loadMs / figures.hits, 2),
    meanTrainMs: figures.trainings === 0 ? null : round(figures.trainMs / figures.trainings, 2),
  };
}
