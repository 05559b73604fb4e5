/**
 * The serialised form of a multivariate model (`anomaly_model_cache.model_binary`):
 * UTF-8 JSON holding the envelope version, the model key, the feature schema,
 * the robust scaler and the detector's own `toJSON` output.
 */
import type { AnyDetector } from '../detectors/outlier/registry';
import { loadDetector } from '../detectors/outlier/registry';
import { ModelFormatError } from '../detectors/outlier/errors';
import type { FeatureSchema } from './features';
import type { RobustScaler } from './robust-scaler';

/** Bump whenever the envelope layout changes; rows of another version are retrained. */
export const MODEL_ENVELOPE_VERSION = 1;

export interface MultivariateModel {
  modelKey: string;
  /** `<envelope>.<detector format>`, stored in anomaly_model_cache.model_version. */
  modelVersion: string;
  schema: FeatureSchema;
  scaler: RobustScaler;
  detector: AnyDetector;
}

export function modelVersionOf(detector: AnyDetector): string {
  return `${MODEL_ENVELOPE_VERSION}.${detector.formatVersion}`;
}

export function serialiseModel(model: MultivariateModel): Buffer {
  return Buffer.from(JSON.stringify({ envelopeVersion: MODEL_ENVELOPE_VERSION, modelKey: model.modelKey, schema: model.schema, scaler: model.scaler, detector: model.detector.toJSON() }), 'utf8');
}

/**
 * Rebuilds a model from its binary.
 * @throws ModelFormatError when the binary is not this envelope, holds another
 *   version or key, or the detector inside cannot be loaded.
 */
export function deserialiseModel(binary: Buffer, expectedKey: string): MultivariateModel {
  let parsed: { envelopeVersion?: unknown; modelKey?: unknown; schema?: FeatureSchema; scaler?: RobustScaler; detector?: unknown };
  try {
    parsed = JSON.parse(binary.toString('utf8')) as typeof parsed;
  } catch (error) {
    throw new ModelFormatError(`model ${expectedKey} is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed.envelopeVersion !== MODEL_ENVELOPE_VERSION) {
    throw new ModelFormatError(`model ${expectedKey} has envelope version ${String(parsed.envelopeVersion)}: this version reads only ${MODEL_ENVELOPE_VERSION}`);
  }
  if (parsed.modelKey !== expectedKey || parsed.schema === undefined || parsed.scaler === undefined) {
    throw new ModelFormatError(`model ${expectedKey} has a missing schema or scaler, or the key ${String(parsed.modelKey)}`);
  }

  const detector = loadDetector(parsed.detector);
  return { modelKey: expectedKey, modelVersion: modelVersionOf(detector), schema: parsed.schema, scaler: parsed.scaler, detector };
}
