/**
 * Whether a document gets multivariate detection and whether its model may
 * come from the cache. The flag decisions the job recorded when it began
 * (`results_summary.flags`: per property, else job-wide) decide through
 * `reims.multivariate-detectors` and `reims.model-cache`, both off by
 * default; a job without a record follows the defaults. A worker option can
 * force either switch, which tests and benchmarks use in place of Unleash.
 */
import type { Knex } from '@mikro-orm/postgresql';

import { defaultDecisions, type FlagDecisions } from '../flags/flag-definitions';

export interface ModelSwitches {
  /** Run the multivariate detector. Flag default off. */
  multivariate: boolean;
  /** Read and write anomaly_model_cache; off trains on every document. Flag default off. */
  modelCache: boolean;
}

export function modelSwitches(decisions: FlagDecisions, overrides: Partial<ModelSwitches> = {}): ModelSwitches {
  return {
    multivariate: overrides.multivariate ?? decisions['reims.multivariate-detectors'],
    modelCache: overrides.modelCache ?? decisions['reims.model-cache'],
  };
}

/** Reads the switches of one document of one job from the job's recorded flag decisions. */
export async function documentModelSwitches(knex: Knex, jobId: number, documentId: number, overrides: Partial<ModelSwitches> = {}): Promise<ModelSwitches> {
  if (overrides.multivariate !== undefined && overrides.modelCache !== undefined) return modelSwitches(defaultDecisions(), overrides);

  const row = await knex('batch_reprocessing_jobs as j')
    .crossJoin(knex.raw('document_uploads as d'))
    .where({ 'j.id': jobId, 'd.id': documentId })
    .first<{ decisions: Partial<FlagDecisions> | null } | undefined>(
      knex.raw("coalesce(j.results_summary -> 'flags' -> 'byProperty' -> (d.property_id::text), j.results_summary -> 'flags' -> 'job') as decisions"),
    );
  return modelSwitches({ ...defaultDecisions(), ...(row?.decisions ?? {}) }, overrides);
}
