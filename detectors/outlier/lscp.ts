/**
 * LSCP: Locally Selective Combination of Parallel outlier ensembles (Zhao et
 * al., 2019), following PyOD 3.6.5's LSCP with its "average of maximum"
 * selection.
 *
 * Parameters:
 * - `detectorList`: at least two base detectors as `{ detector, options }`
 *   (registry names and their options). Default: LOF with nNeighbors 15, 20,
 *   25 and 35, the list of PyOD's LSCP example (PyOD itself has no default).
 * - `localRegionSize`: integer ≥ 2, default 30, the neighbours per subspace.
 *   `fit` needs at least this many rows.
 * - `localMaxFeatures`: number in (0.5, 1], default 1, the largest share of
 *   features in a subspace.
 * - `nBins`: integer ≥ 1, default 10; min(nBins, number of detectors) bins
 *   are used, as in PyOD.
 * - `randomState`: integer seed in [0, 2^32 − 1], default 0. Our generator
 *   differs from numpy's, so only the score distribution matches PyOD's.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` fits every base detector, standardises their training scores by
 * column (mean and population standard deviation, as scikit-learn's
 * StandardScaler) and takes the row maximum as the pseudo ground truth. It then
 * draws 20 feature subspaces of ⌊d/2⌋ to ⌊d·localMaxFeatures⌋ − 1 features
 * (all features when d = 1). Scoring a row works in four steps:
 * 1. Its local region is the training rows found among its localRegionSize
 *    nearest neighbours in more than 10 of the 20 subspaces. The count is
 *    lowered one by one until at least two rows qualify.
 * 2. Each detector's standardised training scores in the region are
 *    correlated (Pearson) with the pseudo ground truth there. An undefined
 *    correlation counts as 0.
 * 3. A histogram of the correlations picks the detectors in its fullest bins
 *    (every bin tied for the maximum, edges inclusive, as PyOD does).
 * 4. The score is the mean of those detectors' standardised scores for the
 *    row. Higher = more abnormal.
 * Training scores are computed the same way, with each training row scored by
 * the base detectors' decisionFunction, so a row is its own nearest neighbour.
 *
 * Unlike PyOD, which draws new subspaces on every decision_function call, the
 * subspaces are drawn once in `fit` and stored, so scoring the same rows twice
 * gives the same scores and a reloaded model scores bit-identically.
 *
 * NOTE: PyOD 3.6.5's LSCP raises from numpy.histogram when a row's
 * correlations span a range too small for finite bins (seen on ADBench's
 * breastw); this version still assigns every value to a bin and scores the row.
 */
import { OutlierDetector, type BaseOptions, type DetectorJson } from './base-detector';
import type { StateValue } from './encoding';
import { InvalidOptionError, ModelFormatError } from './errors';
import type { Matrix } from './matrix';
import { copyMatrix, matrixState, readMatrixState } from './matrix-state';
import { NeighbourSearch } from './neighbours';
import { contaminationOption, integerOption, numberOption, rejectUnknownOptions, seedOption, withDefault } from './options';
import { createRandom, sampleWithoutReplacement } from './random';
import { mean, populationStd } from './statistics';

type BaseDetector = OutlierDetector<{ contamination: number }>;

/** One base detector: its registry name and options. */
export interface BaseDetectorSpec {
  readonly detector: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** Creates and reloads base detectors; the registry supplies it, so this module need not import the registry. */
export interface BaseDetectorFactory {
  create(name: string, options: Record<string, unknown>): BaseDetector;
  load(json: unknown): BaseDetector;
}

export interface LscpOptions extends BaseOptions {
  detectorList?: readonly BaseDetectorSpec[];
  localRegionSize?: number;
  localMaxFeatures?: number;
  nBins?: number;
  randomState?: number;
}

interface LscpParams {
  contamination: number;
  detectorList: { detector: string; options: Record<string, unknown> }[];
  localRegionSize: number;
  localMaxFeatures: number;
  nBins: number;
  randomState: number;
}

/** PyOD's fixed number of subspaces per local region and its minimum feature share. */
const SUBSPACE_COUNT = 20;
const REGION_THRESHOLD = SUBSPACE_COUNT / 2;
const MIN_FEATURE_SHARE = 0.5;

export const DEFAULT_LSCP_DETECTORS: readonly BaseDetectorSpec[] = [15, 20, 25, 35].map((nNeighbors) => ({
  detector: 'lof',
  options: { nNeighbors },
}));

function detectorListOption(value: unknown): LscpParams['detectorList'] {
  if (!Array.isArray(value) || value.length < 2) {
    throw new InvalidOptionError('detectorList', value, 'an array of at least 2 { detector, options } entries');
  }
  return value.map((entry: unknown, i) => {
    const { detector, options = {} } = (entry ?? {}) as { detector?: unknown; options?: unknown };
    if (typeof detector !== 'string' || typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new InvalidOptionError(`detectorList[${i}]`, entry, 'an object { detector: registry name, options?: object }');
    }
    return { detector, options: { ...(options as Record<string, unknown>) } };
  });
}

export function resolveLscpOptions(options: LscpOptions): LscpParams {
  rejectUnknownOptions('lscp', options, ['contamination', 'detectorList', 'localRegionSize', 'localMaxFeatures', 'nBins', 'randomState']);
  return {
    contamination: contaminationOption(options.contamination),
    detectorList: detectorListOption(withDefault<unknown>(options.detectorList, DEFAULT_LSCP_DETECTORS)),
    localRegionSize: integerOption('localRegionSize', withDefault(options.localRegionSize, 30), 2),
    localMaxFeatures: numberOption('localMaxFeatures', withDefault(options.localMaxFeatures, 1), { low: 0.5, high: 1, lowOpen: true }),
    nBins: integerOption('nBins', withDefault(options.nBins, 10), 1),
    randomState: seedOption('randomState', withDefault(options.randomState, 0)),
  };
}

function selectColumns(X: Matrix, columns: Int32Array): Matrix {
  const width = columns.length;
  const data = new Float64Array(X.rows * width);
  for (let i = 0; i < X.rows; i++) {
    for (let c = 0; c < width; c++) data[i * width + c] = X.data[i * X.cols + columns[c]!]!;
  }
  return { rows: X.rows, cols: width, data };
}

/** Column-wise standardisation fitted on the base detectors' training scores. */
interface ScoreScaler {
  means: Float64Array;
  scales: Float64Array;
}

export class Lscp extends OutlierDetector<LscpParams> {
  readonly detectorName = 'lscp';
  readonly formatVersion = 1;
  private detectors: BaseDetector[] = [];
  private subspaces: Int32Array[] = [];
  private searches: NeighbourSearch[] = [];
  private training: Matrix | undefined;
  private scaler: ScoreScaler = { means: new Float64Array(0), scales: new Float64Array(0) };
  /** Standardised training scores, row-major (training rows × detectors). */
  private standardTrainScores: Float64Array = new Float64Array(0);
  private pseudoTruth: Float64Array = new Float64Array(0);

  constructor(
    options: LscpOptions,
    private readonly factory: BaseDetectorFactory,
  ) {
    super(resolveLscpOptions(options));
    // Creating the base detectors once validates their names and options at construction.
    this.params.detectorList.forEach(({ detector, options: baseOptions }) => factory.create(detector, baseOptions));
  }

  protected override minFitRows(): number {
    return this.params.localRegionSize;
  }

  protected fitScores(X: Matrix): Float64Array {
    this.training = copyMatrix(X);
    this.detectors = this.params.detectorList.map(({ detector, options }) => this.factory.create(detector, options).fit(X));
    this.subspaces = this.drawSubspaces(X.cols);
    this.prepare();
    return this.scoreRows(X);
  }

  private drawSubspaces(cols: number): Int32Array[] {
    const random = createRandom(this.params.randomState);
    const minFeatures = Math.floor(cols * MIN_FEATURE_SHARE);
    if (minFeatures < 1) {
      return Array.from({ length: SUBSPACE_COUNT }, () => Int32Array.from({ length: cols }, (_, f) => f));
    }
    // numpy's randint excludes its upper bound; an empty range (possible when localMaxFeatures < 1) keeps minFeatures.
    const span = Math.max(1, Math.floor(cols * this.params.localMaxFeatures) - minFeatures);
    return Array.from({ length: SUBSPACE_COUNT }, () => {
      const count = minFeatures + random.nextInt(span);
      return sampleWithoutReplacement(random, cols, count).sort();
    });
  }

  /** Derives the scaler, pseudo ground truth and subspace searches from the fitted detectors, after fit or load. */
  private prepare(): void {
    const training = this.training!;
    const trainScores = this.detectors.map((detector) => detector.decisionScores);
    this.scaler = {
      means: Float64Array.from(trainScores, (scores) => mean(scores)),
      scales: Float64Array.from(trainScores, (scores) => populationStd(scores) || 1),
    };
    this.standardTrainScores = this.standardise(trainScores);

    const nDetectors = this.detectors.length;
    this.pseudoTruth = new Float64Array(training.rows);
    for (let i = 0; i < training.rows; i++) {
      let best = -Infinity;
      for (let k = 0; k < nDetectors; k++) best = Math.max(best, this.standardTrainScores[i * nDetectors + k]!);
      this.pseudoTruth[i] = best;
    }
    this.searches = this.subspaces.map((columns) => new NeighbourSearch(selectColumns(training, columns)));
  }

  /** Returns (x − mean)/scale per detector, row-major (rows × detectors). */
  private standardise(scores: Float64Array[]): Float64Array {
    const nDetectors = scores.length;
    const rows = scores[0]!.length;
    const out = new Float64Array(rows * nDetectors);
    for (let k = 0; k < nDetectors; k++) {
      const mu = this.scaler.means[k]!;
      const scale = this.scaler.scales[k]!;
      for (let i = 0; i < rows; i++) out[i * nDetectors + k] = (scores[k]![i]! - mu) / scale;
    }
    return out;
  }

  protected scoreRows(X: Matrix): Float64Array {
    const nDetectors = this.detectors.length;
    const testScores = this.standardise(this.detectors.map((detector) => detector.decisionFunction(X)));
    const neighbourLists = this.subspaces.map((columns, s) => this.searches[s]!.query(selectColumns(X, columns), this.params.localRegionSize).indices);
    const counts = new Int32Array(this.training!.rows);
    const correlations = new Float64Array(nDetectors);
    const bins = Math.min(this.params.nBins, nDetectors);
    const out = new Float64Array(X.rows);

    for (let q = 0; q < X.rows; q++) {
      const region = this.localRegion(neighbourLists, q, counts);
      for (let k = 0; k < nDetectors; k++) correlations[k] = this.regionCorrelation(region, k);

      const selected = competentDetectors(correlations, bins);
      let sum = 0;
      for (const k of selected) sum += testScores[q * nDetectors + k]!;
      out[q] = sum / selected.length;
    }
    return out;
  }

  /** Returns the training rows that are among row q's neighbours in more subspaces than the region threshold. */
  private localRegion(neighbourLists: Int32Array[], q: number, counts: Int32Array): number[] {
    const size = this.params.localRegionSize;
    const seen: number[] = [];
    for (const indices of neighbourLists) {
      for (let m = q * size; m < (q + 1) * size; m++) {
        const index = indices[m]!;
        if (counts[index] === 0) seen.push(index);
        counts[index]! += 1;
      }
    }

    let region: number[] = [];
    for (let threshold = REGION_THRESHOLD; threshold >= 0 && region.length < 2; threshold--) {
      region = seen.filter((index) => counts[index]! > threshold);
    }
    for (const index of seen) counts[index] = 0;
    return region;
  }

  private regionCorrelation(region: number[], k: number): number {
    const nDetectors = this.detectors.length;
    const x = region.map((index) => this.pseudoTruth[index]!);
    const y = region.map((index) => this.standardTrainScores[index * nDetectors + k]!);
    const r = pearson(x, y);
    return Number.isNaN(r) ? 0 : r;
  }

  /** Stores the base detectors as their toJSON text, the training rows and the subspaces; the rest is derived again on load. */
  protected exportState(): StateValue {
    return {
      training: matrixState(this.training!),
      subspaces: this.subspaces,
      detectors: this.detectors.map((detector) => JSON.stringify(detector.toJSON())),
    };
  }

  protected importState(state: StateValue): void {
    const { subspaces, detectors } = state as { subspaces?: unknown; detectors?: unknown };
    if (!Array.isArray(subspaces) || !subspaces.every((columns) => columns instanceof Int32Array)) {
      throw new ModelFormatError('lscp state is malformed: expected "subspaces" as int32 feature-index arrays');
    }
    if (!Array.isArray(detectors) || detectors.length !== this.params.detectorList.length) {
      throw new ModelFormatError(`lscp state is malformed: expected "detectors" with ${this.params.detectorList.length} serialised base detectors`);
    }
    this.training = readMatrixState(state, 'training', this.detectorName);
    this.subspaces = subspaces;
    this.detectors = detectors.map((text) => this.factory.load(JSON.parse(String(text)) as DetectorJson));
    this.prepare();
  }
}

/**
 * Pearson's correlation of x and y (means subtracted, then the normalised dot
 * product, clipped to [−1, 1] as scipy.stats.pearsonr does). Returns NaN when
 * either input is constant, where scipy warns and returns NaN.
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const meanX = x.reduce((a, b) => a + b, 0) / n;
  const meanY = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - meanX;
    const dy = y[i]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Returns the indices of the values in the fullest bins of a `bins`-bin
 * histogram over [min, max] (numpy.histogram's edges, widened by 0.5 on both
 * sides when all values are equal). Every bin tied for the largest count is
 * used, and a value on a shared edge is listed once per bin it touches, as
 * PyOD's selection with inclusive edges does.
 */
export function competentDetectors(values: Float64Array, bins: number): number[] {
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const step = (high - low) / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, b) => (b === bins ? high : low + b * step));

  const counts = new Int32Array(bins);
  for (const value of values) counts[histogramBin(value, edges, bins)]! += 1;
  const fullest = Math.max(...counts);

  const selected: number[] = [];
  for (let b = 0; b < bins; b++) {
    if (counts[b] !== fullest) continue;
    values.forEach((value, k) => {
      if (value >= edges[b]! && value <= edges[b + 1]!) selected.push(k);
    });
  }
  return selected;
}

// numpy's uniform-bin rule: the scaled index, then a correction against the actual edges; the last bin is closed.
function histogramBin(value: number, edges: Float64Array, bins: number): number {
  const low = edges[0]!;
  const high = edges[bins]!;
  let index = Math.floor(((value - low) * bins) / (high - low));
  if (index >= bins) index = bins - 1;
  if (value < edges[index]!) index--;
  else if (index !== bins - 1 && value >= edges[index + 1]!) index++;
  return index;
}
