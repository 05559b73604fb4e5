/**
 * CBLOF: Cluster-Based Local Outlier Factor (He, Xu and Deng, 2003),
 * following PyOD 3.6.5's CBLOF with k-means clustering.
 *
 * Parameters:
 * - `nClusters`: integer ≥ 2, default 8. `fit` needs at least this many rows.
 * - `alpha`: number in (0, 1), default 0.9. The large clusters hold at least
 *   this share of the rows.
 * - `beta`: number > 1, default 5. A size ratio of at least beta between two
 *   consecutive clusters (sorted by size) also separates large from small.
 * - `useWeights`: boolean, default false. Multiplies each score by the size
 *   of the row's cluster.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * Clustering: Lloyd's k-means (kmeans.ts) started from the first nClusters
 * training rows, so the result is deterministic. PyOD's default is
 * scikit-learn KMeans with k-means++ seeding and 10 random restarts, so its
 * clusters (and scores) depend on random_state. The parity fixtures pass
 * scikit-learn KMeans(init=first rows, n_init=1) to PyOD for that reason.
 *
 * `fit` stores the centres, the cluster sizes and which clusters are large.
 * Score of a row in a large cluster = distance to its centre. Score of a row
 * in a small cluster = distance to the nearest large-cluster centre. New rows
 * join the cluster of their nearest centre. Higher = more abnormal. New scores
 * depend only on the stored centres.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { InvalidInputError } from './errors';
import { lloydKMeans, nearestCentre } from './kmeans';
import type { Matrix } from './matrix';
import { matrixState, readFloat64State, readMatrixState } from './matrix-state';
import { booleanOption, contaminationOption, integerOption, numberOption, rejectUnknownOptions, withDefault } from './options';
import { euclideanDistance } from './distance';

export interface CblofOptions extends BaseOptions {
  nClusters?: number;
  alpha?: number;
  beta?: number;
  useWeights?: boolean;
}

interface CblofParams {
  contamination: number;
  nClusters: number;
  alpha: number;
  beta: number;
  useWeights: boolean;
}

export function resolveCblofOptions(options: CblofOptions): CblofParams {
  rejectUnknownOptions('cblof', options, ['contamination', 'nClusters', 'alpha', 'beta', 'useWeights']);
  return {
    contamination: contaminationOption(options.contamination),
    nClusters: integerOption('nClusters', withDefault(options.nClusters, 8), 2),
    alpha: numberOption('alpha', withDefault(options.alpha, 0.9), { low: 0, high: 1, lowOpen: true, highOpen: true }),
    beta: numberOption('beta', withDefault(options.beta, 5), { low: 1, lowOpen: true }),
    useWeights: booleanOption('useWeights', withDefault(options.useWeights, false)),
  };
}

/**
 * Returns how many of the clusters, sorted by decreasing size, are large.
 * Like PyOD, it takes the first split i that meets both the alpha and the beta
 * rule, else the first that meets the alpha rule, else the first for beta.
 */
function largeClusterCount(sortedSizes: number[], rows: number, alpha: number, beta: number): number {
  const alphaSplits: number[] = [];
  const betaSplits: number[] = [];
  let cumulative = 0;
  for (let i = 1; i < sortedSizes.length; i++) {
    cumulative += sortedSizes[i - 1]!;
    if (cumulative >= rows * alpha) alphaSplits.push(i);
    if (sortedSizes[i - 1]! / sortedSizes[i]! >= beta) betaSplits.push(i);
  }
  const both = alphaSplits.find((i) => betaSplits.includes(i));
  const split = both ?? alphaSplits[0] ?? betaSplits[0];
  if (split === undefined) {
    throw new InvalidInputError('cblof could not separate small from large clusters: change nClusters, alpha or beta');
  }
  return split;
}

export class Cblof extends OutlierDetector<CblofParams> {
  readonly detectorName = 'cblof';
  readonly formatVersion = 1;
  private centres: Matrix = { rows: 0, cols: 0, data: new Float64Array(0) };
  private sizes: Float64Array = new Float64Array(0);
  /** 1 for a large cluster, 0 for a small one. */
  private large: Float64Array = new Float64Array(0);

  constructor(options: CblofOptions = {}) {
    super(resolveCblofOptions(options));
  }

  protected override minFitRows(): number {
    return this.params.nClusters;
  }

  protected fitScores(X: Matrix): Float64Array {
    const k = this.params.nClusters;
    const start = { rows: k, cols: X.cols, data: X.data.slice(0, k * X.cols) };
    const { centres, labels } = lloydKMeans(X, start);
    this.centres = centres;
    this.sizes = new Float64Array(k);
    for (const label of labels) this.sizes[label]!++;

    // A stable sort by decreasing size, as numpy's argsort orders at most 16 values.
    const order = Array.from(this.sizes.keys()).sort((a, b) => this.sizes[b]! - this.sizes[a]!);
    const largeCount = largeClusterCount(order.map((c) => this.sizes[c]!), X.rows, this.params.alpha, this.params.beta);
    this.large = new Float64Array(k);
    for (const c of order.slice(0, largeCount)) this.large[c] = 1;
    return this.scoreWithLabels(X, labels);
  }

  protected scoreRows(X: Matrix): Float64Array {
    const labels = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) labels[i] = nearestCentre(X, i, this.centres)[0];
    return this.scoreWithLabels(X, labels);
  }

  private scoreWithLabels(X: Matrix, labels: Int32Array): Float64Array {
    const scores = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      const label = labels[i]!;
      let score = Infinity;
      if (this.large[label] === 1) {
        score = euclideanDistance(X, i, this.centres, label);
      } else {
        for (let c = 0; c < this.centres.rows; c++) {
          if (this.large[c] === 1) score = Math.min(score, euclideanDistance(X, i, this.centres, c));
        }
      }
      scores[i] = this.params.useWeights ? score * this.sizes[label]! : score;
    }
    return scores;
  }

  protected exportState(): StateValue {
    return { centres: matrixState(this.centres), sizes: this.sizes, large: this.large };
  }

  protected importState(state: StateValue): void {
    this.centres = readMatrixState(state, 'centres', this.detectorName);
    this.sizes = readFloat64State(state, 'sizes', this.detectorName);
    this.large = readFloat64State(state, 'large', this.detectorName);
  }
}
