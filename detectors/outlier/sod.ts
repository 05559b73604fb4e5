/**
 * SOD: Subspace Outlier Degree (Kriegel et al., 2009), following PyOD
 * 3.6.5's SOD with the Euclidean distance.
 *
 * Parameters:
 * - `nNeighbors`: integer ≥ 1, default 20. Neighbours whose overlap defines
 *   the shared-nearest-neighbour similarity.
 * - `refSet`: integer in [1, nNeighbors], default 10. Size of each row's
 *   reference set.
 * - `alpha`: number in [0, 1], default 0.8. A feature is relevant when its
 *   variance in the reference set is below alpha times the mean variance.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * Like PyOD, the scores of a batch are computed from that batch alone:
 * `decisionFunction(X)` never looks at the training rows, so a row's score
 * depends on the other rows scored with it, and the batch needs more than
 * nNeighbors rows. `fit` stores nothing beyond the parameters.
 *
 * For each row, the reference set is the refSet other rows sharing the most
 * of its nNeighbors nearest neighbours. With their mean μ and per-feature
 * population variances v_j, the relevant features are those with
 * v_j < alpha·Σv/d, and the score is sqrt(mean over relevant j of (x_j − μ_j)²),
 * or 0 when no feature is relevant. Higher = more abnormal.
 *
 * Rows with equal shared-neighbour counts are ranked with numba's quicksort
 * (introsort-argsort.ts), as in PyOD. Neighbour sets are found with ties
 * broken by the lower row index, where scikit-learn's tree breaks them by its
 * layout, so rows with tied k-th neighbours can still differ.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { InvalidInputError, InvalidOptionError } from './errors';
import type { Matrix } from './matrix';
import { NeighbourSearch } from './neighbours';
import { numbaArgsort } from './introsort-argsort';
import { contaminationOption, integerOption, numberOption, rejectUnknownOptions, withDefault } from './options';

export interface SodOptions extends BaseOptions {
  nNeighbors?: number;
  refSet?: number;
  alpha?: number;
}

interface SodParams {
  contamination: number;
  nNeighbors: number;
  refSet: number;
  alpha: number;
}

export function resolveSodOptions(options: SodOptions): SodParams {
  rejectUnknownOptions('sod', options, ['contamination', 'nNeighbors', 'refSet', 'alpha']);
  const nNeighbors = integerOption('nNeighbors', withDefault(options.nNeighbors, 20), 1);
  const refSet = integerOption('refSet', withDefault(options.refSet, 10), 1);
  if (refSet > nNeighbors) throw new InvalidOptionError('refSet', refSet, `an integer in [1, nNeighbors = ${nNeighbors}]`);
  return {
    contamination: contaminationOption(options.contamination),
    nNeighbors,
    refSet,
    alpha: numberOption('alpha', withDefault(options.alpha, 0.8), { low: 0, high: 1 }),
  };
}

/** Returns, per row, the refSet other rows with the most shared nearest neighbours, in PyOD's order. */
function referenceSets(X: Matrix, k: number, refSet: number): Int32Array {
  const { indices } = new NeighbourSearch(X).queryTrainingRows(k);
  const reverse: number[][] = Array.from({ length: X.rows }, () => []);
  for (let i = 0; i < X.rows; i++) {
    for (let m = 0; m < k; m++) reverse[indices[i * k + m]!]!.push(i);
  }

  const out = new Int32Array(X.rows * refSet);
  const shared = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    shared.fill(0);
    for (let m = 0; m < k; m++) {
      for (const j of reverse[indices[i * k + m]!]!) shared[j]!++;
    }
    // PyOD marks the row itself with the largest uint32, sorts ascending, reverses and skips the first entry.
    shared[i] = 4294967295;
    const ascending = numbaArgsort(shared);
    for (let r = 0; r < refSet; r++) out[i * refSet + r] = ascending[X.rows - 2 - r]!;
  }
  return out;
}

/** Computes SOD scores for every row of X against the other rows of X. */
export function subspaceOutlierDegrees(X: Matrix, params: SodParams): Float64Array {
  if (X.rows <= params.nNeighbors) {
    throw new InvalidInputError(`sod scores a batch against itself: X has ${X.rows} rows, expected more than nNeighbors = ${params.nNeighbors}`);
  }
  const d = X.cols;
  const { refSet } = params;
  const sets = referenceSets(X, params.nNeighbors, refSet);
  const means = new Float64Array(d);
  const variances = new Float64Array(d);
  const scores = new Float64Array(X.rows);

  for (let i = 0; i < X.rows; i++) {
    means.fill(0);
    variances.fill(0);
    for (let r = 0; r < refSet; r++) {
      const row = sets[i * refSet + r]!;
      for (let j = 0; j < d; j++) means[j]! += X.data[row * d + j]!;
    }
    for (let j = 0; j < d; j++) means[j]! /= refSet;
    let total = 0;
    for (let r = 0; r < refSet; r++) {
      const row = sets[i * refSet + r]!;
      for (let j = 0; j < d; j++) variances[j]! += (X.data[row * d + j]! - means[j]!) ** 2;
    }
    for (let j = 0; j < d; j++) total += variances[j]!;
    const expected = (params.alpha * (total / refSet)) / d;

    let relevant = 0;
    let squared = 0;
    for (let j = 0; j < d; j++) {
      if (variances[j]! / refSet >= expected) continue;
      relevant++;
      squared += (X.data[i * d + j]! - means[j]!) ** 2;
    }
    scores[i] = relevant === 0 ? 0 : Math.sqrt(squared / relevant);
  }
  return scores;
}

export class Sod extends OutlierDetector<SodParams> {
  readonly detectorName = 'sod';
  readonly formatVersion = 1;

  constructor(options: SodOptions = {}) {
    super(resolveSodOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    return subspaceOutlierDegrees(X, this.params);
  }

  protected scoreRows(X: Matrix): Float64Array {
    return subspaceOutlierDegrees(X, this.params);
  }

  protected exportState(): StateValue {
    return {};
  }

  protected importState(): void {
    // SOD keeps no fitted state: every batch is scored on its own.
  }
}
