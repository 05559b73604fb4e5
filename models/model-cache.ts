/**
 * Serves multivariate models: an in-process LRU bounded in bytes, then the
 * `anomaly_model_cache` table, then training. A model is looked up by its
 * scope and the fingerprint of the scope's current training data, so a
 * model whose data changed is never served.
 *
 * Use counts are batched in memory and written at most every
 * `flushIntervalMs` and on `flushUsage()` (job end, shutdown), never once
 * per score. A row that is expired, inactive or cannot be loaded is
 * retrained and overwritten in place. Concurrent look-ups of one model in
 * this process share one training.
 */
import type { Knex } from '@mikro-orm/postgresql';

import type { Logger } from '../config/logger';
import { addUsage, cacheRowLive, findCacheRow, insertModel, logSelection, replaceModel, type CacheRow } from './cache-store';
import { ByteLruCache } from './lru-cache';
import { deserialiseModel, serialiseModel, type MultivariateModel } from './model-envelope';
import { loadTrainingSet, scopeFingerprint } from './scope-store';
import { InsufficientTrainingDataError, trainModel, type TrainingResult, type TrainingSet } from './training';
import { scopeKey, type TrainingScope } from './training-scope';

export interface ModelCacheOptions {
  /** Bound of the in-process LRU, in bytes of serialised model. Default 64 MiB. */
  maxBytes?: number;
  /** Lifetime of a stored model from training, in milliseconds. Default 30 days. */
  ttlMs?: number;
  /** Longest time batched use counts wait before they are written, in milliseconds. Default 5,000. */
  flushIntervalMs?: number;
  /**
   * Age after which a model held in memory is checked against its row again
   * (is_active, expires_at), in milliseconds. Default 60,000: deactivating a
   * row reaches other workers within this time.
   */
  revalidateAfterMs?: number;
  logger?: Logger;
}

/** `memory`: the LRU (or another look-up's training in flight); `table`: loaded from the row; `trained`: fitted now. */
export type ModelSource = 'memory' | 'table' | 'trained';

export interface ObtainedModel {
  model: MultivariateModel;
  source: ModelSource;
  /** Time to obtain the model, in milliseconds: a load for memory and table, a training otherwise. */
  durationMs: number;
  trainingSize: number;
  /** The cache row the model came from or went to; null when the cache was not used. */
  rowId: number | null;
}

interface MemoryEntry {
  model: MultivariateModel;
  rowId: number;
  expiresAtMs: number | null;
  checkedAtMs: number;
  trainingSize: number;
}

const DEFAULTS = { maxBytes: 64 * 1024 * 1024, ttlMs: 30 * 86_400_000, flushIntervalMs: 5000, revalidateAfterMs: 60_000 };

export class ModelCache {
  private readonly options: typeof DEFAULTS;
  private readonly memory: ByteLruCache<MemoryEntry>;
  private readonly inFlight = new Map<string, Promise<ObtainedModel | null>>();
  private usage = new Map<number, { count: number; lastUsedAt: Date }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly knex: Knex,
    options: ModelCacheOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([name, value]) => name !== 'logger' && value !== undefined)) };
    this.memory = new ByteLruCache(this.options.maxBytes);
    this.logger = options.logger;
    this.timer = setInterval(() => void this.flushUsage(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  private readonly logger: Logger | undefined;

  /** Bytes of serialised model held in memory, and the number of models. */
  memoryUsage(): { bytes: number; models: number } {
    return { bytes: this.memory.bytes, models: this.memory.size };
  }

  /**
   * Returns the scope's model for its current data, or null when the scope
   * has too few statements to train. With `useCache: false` it trains every
   * time and neither reads nor writes the cache.
   */
  async obtain(scope: TrainingScope, useCache = true): Promise<ObtainedModel | null> {
    const startedAt = performance.now();
    if (!useCache) return this.trainOnly(scope, startedAt);

    const fingerprint = await scopeFingerprint(this.knex, scope);
    const lookupKey = `${scopeKey(scope)}|${fingerprint}`;
    const remembered = await this.fromMemory(lookupKey);
    if (remembered !== null) return { ...remembered, durationMs: performance.now() - startedAt };

    const pending = this.inFlight.get(lookupKey);
    if (pending !== undefined) {
      const shared = await pending;
      if (shared === null) return null;
      if (shared.rowId !== null) this.recordUse(shared.rowId);
      return { ...shared, source: 'memory', durationMs: performance.now() - startedAt };
    }

    const work = this.fromTableOrTraining(scope, lookupKey, fingerprint, startedAt).finally(() => this.inFlight.delete(lookupKey));
    this.inFlight.set(lookupKey, work);
    return work;
  }

  private async trainOnly(scope: TrainingScope, startedAt: number): Promise<ObtainedModel | null> {
    const set = await loadTrainingSet(this.knex, scope);
    const result = this.train(set);
    if (result === null) return null;
    return { model: result.model, source: 'trained', durationMs: performance.now() - startedAt, trainingSize: result.trainingSize, rowId: null };
  }

  private train(set: TrainingSet): TrainingResult | null {
    try {
      return trainModel(set);
    } catch (error) {
      if (error instanceof InsufficientTrainingDataError) return null;
      throw error;
    }
  }

  private async fromMemory(lookupKey: string): Promise<Omit<ObtainedModel, 'durationMs'> | null> {
    const entry = this.memory.get(lookupKey);
    if (entry === undefined) return null;

    const now = Date.now();
    const expired = entry.expiresAtMs !== null && entry.expiresAtMs <= now;
    if (!expired && now - entry.checkedAtMs > this.options.revalidateAfterMs) {
      if (await cacheRowLive(this.knex, entry.rowId)) entry.checkedAtMs = now;
      else entry.checkedAtMs = -Infinity;
    }
    if (expired || entry.checkedAtMs === -Infinity) {
      this.memory.delete(lookupKey);
      return null;
    }
    this.recordUse(entry.rowId);
    return { model: entry.model, source: 'memory', trainingSize: entry.trainingSize, rowId: entry.rowId };
  }

  private remember(lookupKey: string, entry: Omit<MemoryEntry, 'checkedAtMs'>, bytes: number): void {
    this.memory.set(lookupKey, { ...entry, checkedAtMs: Date.now() }, bytes);
    this.recordUse(entry.rowId);
  }

  private async fromTableOrTraining(scope: TrainingScope, lookupKey: string, fingerprint: string, startedAt: number): Promise<ObtainedModel | null> {
    const row = await findCacheRow(this.knex, scopeKey(scope), fingerprint);
    const loaded = row !== null && row.live ? this.loadRow(row) : null;
    if (row !== null && loaded !== null) {
      this.remember(lookupKey, { model: loaded, rowId: row.id, expiresAtMs: row.expiresAtMs, trainingSize: row.trainingSize }, row.binary!.length);
      return { model: loaded, source: 'table', durationMs: performance.now() - startedAt, trainingSize: row.trainingSize, rowId: row.id };
    }
    return this.trainAndStore(scope, row, startedAt);
  }

  /** Loads a row's model, or returns null (and logs) when the binary is missing or unreadable. */
  private loadRow(row: CacheRow): MultivariateModel | null {
    if (row.binary === null) return null;
    try {
      return deserialiseModel(row.binary, row.modelKey);
    } catch (error) {
      this.logger?.warn({ modelKey: row.modelKey, rowId: row.id, err: error }, 'cached model unreadable; retraining');
      return null;
    }
  }

  private async trainAndStore(scope: TrainingScope, stale: CacheRow | null, startedAt: number): Promise<ObtainedModel | null> {
    const set = await loadTrainingSet(this.knex, scope);
    const result = this.train(set);
    if (result === null) return null;

    const { ttlMs } = this.options;
    const rowId = stale === null ? await insertModel(this.knex, set, result, ttlMs) : await replaceModel(this.knex, stale.id, set, result, ttlMs);
    await logSelection(this.knex, set, result);

    const bytes = serialiseModel(result.model).length;
    this.remember(`${scopeKey(scope)}|${set.fingerprint}`, { model: result.model, rowId, expiresAtMs: Date.now() + ttlMs, trainingSize: result.trainingSize }, bytes);
    return { model: result.model, source: 'trained', durationMs: performance.now() - startedAt, trainingSize: result.trainingSize, rowId };
  }

  private recordUse(rowId: number): void {
    const entry = this.usage.get(rowId) ?? { count: 0, lastUsedAt: new Date(0) };
    entry.count += 1;
    entry.lastUsedAt = new Date();
    this.usage.set(rowId, entry);
  }

  /** Writes the batched use counts; counts that fail to write are kept for the next flush. */
  async flushUsage(): Promise<void> {
    const batch = this.usage;
    this.usage = new Map();
    try {
      await addUsage(this.knex, batch);
    } catch (error) {
      for (const [id, { count, lastUsedAt }] of batch) {
        const entry = this.usage.get(id) ?? { count: 0, lastUsedAt };
        this.usage.set(id, { count: entry.count + count, lastUsedAt: entry.lastUsedAt > lastUsedAt ? entry.lastUsedAt : lastUsedAt });
      }
      this.logger?.warn({ err: error, models: batch.size }, 'model use counts not written; retrying at the next flush');
    }
  }

  /** Writes pending use counts and stops the flush timer. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushUsage();
  }
}
