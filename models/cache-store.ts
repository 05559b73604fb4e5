/**
 * SQL over `anomaly_model_cache` and `pyod_model_selection_log`. Rows are
 * found by their metadata's scope key and training fingerprint; the unique
 * model_key makes concurrent inserts of one model leave a single row.
 */
import type { Knex } from '@mikro-orm/postgresql';

import { serialiseModel } from './model-envelope';
import { scopeKey } from './training-scope';
import type { TrainingResult, TrainingSet } from './training';

export interface CacheRow {
  id: number;
  modelKey: string;
  binary: Buffer | null;
  /** True when is_active and expires_at is unset or in the future. */
  live: boolean;
  /** expires_at in epoch milliseconds; null never expires. */
  expiresAtMs: number | null;
  trainingSize: number;
}

interface RawRow {
  id: number;
  model_key: string;
  model_binary: Buffer | null;
  live: boolean;
  expires_at_ms: string | null;
  training_data_size: number;
}

const ROW_COLUMNS = ['id', 'model_key', 'model_binary', 'is_active and (expires_at is null or expires_at > now()) as live', 'floor(extract(epoch from expires_at) * 1000) as expires_at_ms', 'coalesce(training_data_size, 0) as training_data_size'];

function toCacheRow(row: RawRow | undefined): CacheRow | null {
  if (row === undefined) return null;
  return { id: row.id, modelKey: row.model_key, binary: row.model_binary, live: row.live, expiresAtMs: row.expires_at_ms === null ? null : Number(row.expires_at_ms), trainingSize: row.training_data_size };
}

/** Finds the newest row trained for this scope and fingerprint, live or not. */
export async function findCacheRow(knex: Knex, key: string, fingerprint: string): Promise<CacheRow | null> {
  const row = await knex('anomaly_model_cache')
    .whereRaw("model_metadata ->> 'scopeKey' = ? and model_metadata ->> 'fingerprint' = ?", [key, fingerprint])
    .orderBy([{ column: 'trained_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first<RawRow | undefined>(ROW_COLUMNS.map((column) => knex.raw(column)));
  return toCacheRow(row);
}

export async function cacheRowLive(knex: Knex, id: number): Promise<boolean> {
  const row = await knex('anomaly_model_cache').where({ id }).first<{ live: boolean } | undefined>(knex.raw(ROW_COLUMNS[3]!));
  return row?.live ?? false;
}

function round4(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 10_000) / 10_000;
}

function rowValues(knex: Knex, set: TrainingSet, result: TrainingResult, ttlMs: number): Record<string, unknown> {
  const { model, selection, metrics } = result;
  return {
    model_key: model.modelKey,
    property_id: set.scope.kind === 'property' ? set.scope.propertyId : null,
    account_code: null,
    model_type: model.detector.detectorName,
    model_binary: serialiseModel(model),
    model_metadata: JSON.stringify({
      scopeKey: scopeKey(set.scope),
      scope: set.scope,
      fingerprint: set.fingerprint,
      params: model.detector.params,
      featureNames: model.schema.names,
      selectionReasoning: selection.reasoning,
    }),
    model_version: model.modelVersion,
    training_accuracy: round4(metrics?.accuracy),
    validation_accuracy: round4(selection.selected.cvScore),
    precision_score: round4(metrics?.precision),
    recall_score: round4(metrics?.recall),
    f1_score: round4(metrics?.f1),
    training_data_size: result.trainingSize,
    training_date_range: JSON.stringify(result.dateRange),
    trained_at: knex.fn.now(),
    is_active: true,
    expires_at: knex.raw("now() + (? * interval '1 millisecond')", [ttlMs]),
    updated_at: knex.fn.now(),
  };
}

/**
 * Inserts the model unless a row with its key exists (another worker won
 * the race), then returns the stored row's id.
 */
export async function insertModel(knex: Knex, set: TrainingSet, result: TrainingResult, ttlMs: number): Promise<number> {
  await knex('anomaly_model_cache').insert(rowValues(knex, set, result, ttlMs)).onConflict('model_key').ignore();
  const row = await knex('anomaly_model_cache').where({ model_key: result.model.modelKey }).first<{ id: number } | undefined>('id');
  if (row === undefined) throw new Error(`model ${result.model.modelKey} was neither inserted nor found: was its row deleted concurrently?`);
  return row.id;
}

/** Overwrites an expired, inactive or unreadable row in place with a freshly trained model. */
export async function replaceModel(knex: Knex, id: number, set: TrainingSet, result: TrainingResult, ttlMs: number): Promise<number> {
  const values = rowValues(knex, set, result, ttlMs);
  const updated = await knex('anomaly_model_cache').where({ id }).update(values);
  return updated > 0 ? id : insertModel(knex, set, result, ttlMs);
}

/** Adds batched use counts; `lastUsedAt` only moves forward. */
export async function addUsage(knex: Knex, usage: ReadonlyMap<number, { count: number; lastUsedAt: Date }>): Promise<void> {
  if (usage.size === 0) return;

  const values = [...usage.entries()].map(([id, { count, lastUsedAt }]) => knex.raw('(?::int, ?::int, ?::timestamptz)', [id, count, lastUsedAt.toISOString()]));
  await knex.raw(
    `update anomaly_model_cache as c
        set use_count = coalesce(c.use_count, 0) + v.n,
            last_used_at = greatest(c.last_used_at, v.at)
       from (values ${values.map(() => '?').join(', ')}) as v(id, n, at)
      where c.id = v.id`,
    values,
  );
}

export async function logSelection(knex: Knex, set: TrainingSet, result: TrainingResult): Promise<void> {
  const { selection, metrics, model } = result;
  await knex('pyod_model_selection_log').insert({
    property_id: set.scope.kind === 'property' ? set.scope.propertyId : null,
    account_code: null,
    data_characteristics: JSON.stringify({ ...selection.characteristics, scopeKey: scopeKey(set.scope), modelKey: model.modelKey, candidates: selection.candidates }),
    llm_recommended_models: null,
    selected_model: selection.selected.detector,
    selection_reasoning: selection.reasoning,
    cross_validation_score: round4(selection.selected.cvScore),
    actual_precision: round4(metrics?.precision),
    actual_recall: round4(metrics?.recall),
  });
}
