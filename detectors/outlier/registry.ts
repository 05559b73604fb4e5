/**
 * The detector registry: creates detectors by name with validated options,
 * lists them, and loads serialised models.
 *
 * Detectors added later register an entry in DETECTORS; `loadDetector`
 * rejects a JSON object whose detector name is unknown or whose
 * formatVersion differs from the one the current code writes, because a
 * model saved under other semantics must not load silently.
 */
import type { DetectorFamily, DetectorJson, OutlierDetector } from './base-detector';
import { Abod } from './abod';
import { Cblof } from './cblof';
import { Cof } from './cof';
import { Copod } from './copod';
import { Ecod } from './ecod';
import { describeValue, InvalidOptionError, ModelFormatError } from './errors';
import { FeatureBagging } from './feature-bagging';
import { Hbos } from './hbos';
import { Iforest } from './iforest';
import { Inne } from './inne';
import { Knn } from './knn';
import { Gmm } from './gmm';
import { Kde } from './kde';
import { Loda } from './loda';
import { Lof } from './lof';
import { Lscp } from './lscp';
import { Mad } from './mad';
import { Mcd } from './mcd';
import { Ocsvm } from './ocsvm';
import { Pca } from './pca';
import { Sod } from './sod';
import { Sos } from './sos';

export type AnyDetector = OutlierDetector<{ contamination: number }>;

export interface DetectorInfo {
  readonly name: string;
  readonly family: DetectorFamily;
  /** True when fitting the same data twice gives the same scores without a seed. */
  readonly deterministic: boolean;
}

interface DetectorEntry extends DetectorInfo {
  create(options: Record<string, unknown>): AnyDetector;
}

const DETECTORS: readonly DetectorEntry[] = [
  { name: 'ecod', family: 'probabilistic', deterministic: true, create: (o) => new Ecod(o) },
  { name: 'copod', family: 'probabilistic', deterministic: true, create: (o) => new Copod(o) },
  { name: 'hbos', family: 'proximity', deterministic: true, create: (o) => new Hbos(o) },
  { name: 'knn', family: 'proximity', deterministic: true, create: (o) => new Knn(o) },
  { name: 'lof', family: 'proximity', deterministic: true, create: (o) => new Lof(o) },
  { name: 'pca', family: 'linear', deterministic: true, create: (o) => new Pca(o) },
  { name: 'kde', family: 'probabilistic', deterministic: true, create: (o) => new Kde(o) },
  { name: 'gmm', family: 'probabilistic', deterministic: true, create: (o) => new Gmm(o) },
  { name: 'iforest', family: 'ensemble', deterministic: false, create: (o) => new Iforest(o) },
  { name: 'mad', family: 'probabilistic', deterministic: true, create: (o) => new Mad(o) },
  { name: 'mcd', family: 'linear', deterministic: false, create: (o) => new Mcd(o) },
  { name: 'ocsvm', family: 'linear', deterministic: true, create: (o) => new Ocsvm(o) },
  { name: 'cblof', family: 'proximity', deterministic: true, create: (o) => new Cblof(o) },
  { name: 'cof', family: 'proximity', deterministic: true, create: (o) => new Cof(o) },
  { name: 'sod', family: 'proximity', deterministic: true, create: (o) => new Sod(o) },
  { name: 'abod', family: 'probabilistic', deterministic: true, create: (o) => new Abod(o) },
  { name: 'sos', family: 'probabilistic', deterministic: true, create: (o) => new Sos(o) },
  { name: 'inne', family: 'ensemble', deterministic: false, create: (o) => new Inne(o) },
  { name: 'loda', family: 'ensemble', deterministic: false, create: (o) => new Loda(o) },
  { name: 'feature-bagging', family: 'ensemble', deterministic: false, create: (o) => new FeatureBagging(o) },
  { name: 'lscp', family: 'ensemble', deterministic: false, create: (o) => new Lscp(o, { create: createDetector, load: loadDetector }) },
];

function findEntry(name: unknown): DetectorEntry {
  const entry = DETECTORS.find((candidate) => candidate.name === name);
  if (entry === undefined) {
    throw new InvalidOptionError('detector', name, `one of ${DETECTORS.map((d) => d.name).join(', ')}`);
  }
  return entry;
}

/** Creates an unfitted detector; unknown options or out-of-range values throw InvalidOptionError. */
export function createDetector(name: string, options: Record<string, unknown> = {}): AnyDetector {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidOptionError('options', options, 'a plain object of detector options');
  }
  return findEntry(name).create(options);
}

/** Lists the registered detectors with their family and determinism. */
export function listDetectors(): DetectorInfo[] {
  return DETECTORS.map(({ name, family, deterministic }) => ({ name, family, deterministic }));
}

/** Rebuilds a detector from `toJSON` output; scores of the loaded model are bit-identical. */
export function loadDetector(json: unknown): AnyDetector {
  if (typeof json !== 'object' || json === null) {
    throw new ModelFormatError(`serialised detector is ${describeValue(json)}: expected the object returned by toJSON`);
  }
  const { detector, formatVersion, params, state } = json as Partial<DetectorJson>;
  const entry = DETECTORS.find((candidate) => candidate.name === detector);
  if (entry === undefined) {
    throw new ModelFormatError(`serialised detector name ${describeValue(detector)} is unknown: expected one of ${DETECTORS.map((d) => d.name).join(', ')}`);
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new ModelFormatError(`serialised ${entry.name} has params ${describeValue(params)}: expected an object`);
  }
  const instance = entry.create(params);
  if (formatVersion !== instance.formatVersion) {
    throw new ModelFormatError(
      `serialised ${entry.name} has formatVersion ${describeValue(formatVersion)}: this version reads only formatVersion ${instance.formatVersion}`,
    );
  }
  return instance.restoreState(state ?? null);
}
