/**
 * Activities of the `train-models` workflow: list the training scopes of a
 * set of properties, then train (or find in the cache) each scope's model.
 */
import type { Knex } from '@mikro-orm/postgresql';
import { ApplicationFailure, heartbeat } from '@temporalio/activity';

import type { Logger } from '../config/logger';
import type { MikroORM } from '../db/orm';
import type { DocumentType } from '../domain/statements';
import { ModelCache } from '../models/model-cache';
import { resolveScope } from '../models/scope-store';
import { scopeKey, type TrainingScope } from '../models/training-scope';

export interface ListTrainingScopesInput {
  propertyIds: number[];
}

export interface TrainScopeInput {
  scope: TrainingScope;
}

export interface TrainScopeResult {
  scopeKey: string;
  /** `trained`: fitted and stored now; `cached`: a model for the current data existed; `skipped`: too few statements. */
  outcome: 'trained' | 'cached' | 'skipped';
  modelKey: string | null;
  durationMs: number;
}

export interface ModelActivityDependencies {
  orm: MikroORM;
  logger: Logger;
  /** Shared with the batch activities, so pre-trained models are in memory too. Default: one per call. */
  cache?: ModelCache;
}

interface ScopeSource {
  property_id: number;
  document_type: DocumentType;
  period_start: string;
  period_end: string;
}

/** One recent statement per property, type and period length: each stands for its scope. */
async function scopeSources(knex: Knex, propertyIds: number[]): Promise<ScopeSource[]> {
  const result = await knex.raw<{ rows: ScopeSource[] }>(
    `select distinct on (property_id, document_type, (period_end - period_start) / 32)
            property_id, document_type, to_char(period_start, 'YYYY-MM-DD') as period_start, to_char(period_end, 'YYYY-MM-DD') as period_end
       from document_uploads
      where property_id = any(?::int[]) and extraction_status = 'completed' and period_start is not null and period_end is not null
      order by property_id, document_type, (period_end - period_start) / 32, period_end desc`,
    [propertyIds],
  );
  return result.rows;
}

export function createModelActivities({ orm, logger, cache }: ModelActivityDependencies) {
  const knex = orm.em.getConnection().getKnex();
  const modelCache = cache ?? new ModelCache(knex, { logger });

  return {
    /** The distinct scopes of the properties' statements; unknown property ids fail for good. */
    async listTrainingScopes({ propertyIds }: ListTrainingScopesInput): Promise<TrainingScope[]> {
      const known = await knex('properties').whereIn('id', propertyIds).pluck<number[]>('id');
      const unknown = propertyIds.filter((id) => !known.includes(id));
      if (unknown.length > 0) throw ApplicationFailure.nonRetryable(`properties not found: ${unknown.join(', ')}`, 'InvalidTrainingInputError');

      const scopes = new Map<string, TrainingScope>();
      for (const source of await scopeSources(knex, propertyIds)) {
        const scope = await resolveScope(knex, { propertyId: source.property_id, documentType: source.document_type, periodStart: source.period_start, periodEnd: source.period_end });
        if (scope !== null && !scopes.has(scopeKey(scope))) scopes.set(scopeKey(scope), scope);
      }
      return [...scopes.values()];
    },

    async trainScope({ scope }: TrainScopeInput): Promise<TrainScopeResult> {
      heartbeat();
      const obtained = await modelCache.obtain(scope, true);
      await modelCache.flushUsage();
      const key = scopeKey(scope);
      if (obtained === null) return { scopeKey: key, outcome: 'skipped', modelKey: null, durationMs: 0 };

      const outcome = obtained.source === 'trained' ? 'trained' : 'cached';
      logger.info({ scopeKey: key, modelKey: obtained.model.modelKey, outcome, durationMs: Math.round(obtained.durationMs) }, 'scope model ready');
      return { scopeKey: key, outcome, modelKey: obtained.model.modelKey, durationMs: Math.round(obtained.durationMs) };
    },
  };
}

export type ModelActivities = ReturnType<typeof createModelActivities>;
