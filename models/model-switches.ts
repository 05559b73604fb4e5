/**
 * Whether a document gets multivariate detection and whether its model may
 * come from the cache, from the flag decisions the document follows
 * (`jobFlagsFor`): `reims.multivariate-detectors` and `reims.model-cache`,
 * both off by default. A worker option can force either switch, which tests
 * and benchmarks use in place of Unleash.
 */
import type { FlagDecisions } from '../flags/flag-definitions';

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
