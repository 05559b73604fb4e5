/**
 * COF: Connectivity-based Outlier Factor (Tang et al., 2002), following
 * PyOD 3.6.5's COF with method='fast'.
 *
 * Parameters:
 * - `nNeighbors`: integer ≥ 1, default 20. `fit` uses k = min(nNeighbors,
 *   n − 1) for its n training rows, as PyOD does.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * Like PyOD, the scores of a batch are computed from that batch alone:
 * `decisionFunction(X)` never looks at the training rows, so a row's score
 * depends on the other rows scored with it, and the batch needs more than k
 * rows. `fit` stores only k.
 *
 * For each row p with its k nearest other rows o_1..o_k (PyOD's "fast"
 * variant orders them by distance instead of building the set-based nearest
 * path), cost_j = min distance from o_j to {p, o_1, …, o_{j−1}} and the
 * average chaining distance is acd(p) = Σ_j 2(k + 1 − j)/(k(k + 1))·cost_j.
 * COF(p) = k·acd(p) / Σ_j acd(o_j); higher = more abnormal. 0/0 gives 0 and
 * x/0 gives the largest double, as numpy.nan_to_num does.
 *
 * Neighbour ties are broken by the lower row index. numpy's argsort breaks
 * them by its sort algorithm, so rows with tied (e.g. duplicate) neighbours
 * can score differently from PyOD.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import { euclideanDistance } from './distance';
import type { StateValue } from './encoding';
import { InvalidInputError } from './errors';
import type { Matrix } from './matrix';
import { readNumberState } from './matrix-state';
import { NeighbourSearch } from './neighbours';
import { contaminationOption, integerOption, rejectUnknownOptions, withDefault } from './options';

export interface CofOptions extends BaseOptions {
  nNeighbors?: number;
}

interface CofParams {
  contamination: number;
  nNeighbors: number;
}

export function resolveCofOptions(options: CofOptions): CofParams {
  rejectUnknownOptions('cof', options, ['contamination', 'nNeighbors']);
  return {
    contamination: contaminationOption(options.contamination),
    nNeighbors: integerOption('nNeighbors', withDefault(options.nNeighbors, 20), 1),
  };
}

/** Computes COF for every row of X against the other rows of X with k neighbours. */
export function connectivityOutlierFactors(X: Matrix, k: number): Float64Array {
  if (X.rows <= k) {
    throw new InvalidInputError(`cof scores a batch against itself: X has ${X.rows} rows, expected more than k = ${k}`);
  }
  const neighbours = new NeighbourSearch(X).queryTrainingRows(k);
  const chaining = new Float64Array(X.rows);
  const path = new Int32Array(k + 1);
  for (let p = 0; p < X.rows; p++) {
    path[0] = p;
    path.set(neighbours.indices.subarray(p * k, (p + 1) * k), 1);
    let acd = 0;
    for (let j = 1; j <= k; j++) {
      let cost = Infinity;
      for (let m = 0; m < j; m++) cost = Math.min(cost, euclideanDistance(X, path[j]!, X, path[m]!));
      acd += ((2 * (k + 1 - j)) / ((k + 1) * k)) * cost;
    }
    chaining[p] = acd;
  }

  const scores = new Float64Array(X.rows);
  for (let p = 0; p < X.rows; p++) {
    let sum = 0;
    for (let m = 0; m < k; m++) sum += chaining[neighbours.indices[p * k + m]!]!;
    scores[p] = nanToNumber((chaining[p]! * k) / sum);
  }
  return scores;
}

function nanToNumber(value: number): number {
  if (Number.isNaN(value)) return 0;
  if (value === Infinity) return Number.MAX_VALUE;
  return value;
}

export class Cof extends OutlierDetector<CofParams> {
  readonly detectorName = 'cof';
  readonly formatVersion = 1;
  private k = 0;

  constructor(options: CofOptions = {}) {
    super(resolveCofOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    this.k = Math.min(this.params.nNeighbors, X.rows - 1);
    return connectivityOutlierFactors(X, this.k);
  }

  protected scoreRows(X: Matrix): Float64Array {
    return connectivityOutlierFactors(X, this.k);
  }

  protected exportState(): StateValue {
    return { k: this.k };
  }

  protected importState(state: StateValue): void {
    this.k = readNumberState(state, 'k', this.detectorName);
  }
}
