/**
 * SOS: Stochastic Outlier Selection (Janssens et al., 2012), following PyOD
 * 3.6.5's SOS with the Euclidean metric.
 *
 * Parameters:
 * - `perplexity`: number ≥ 1, default 4.5. Effective number of neighbours
 *   each row binds to.
 * - `eps`: number > 0, default 1e-5. Tolerance of the bisection on the
 *   entropy, log(perplexity).
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * Like PyOD, the scores of a batch are computed from that batch alone:
 * `decisionFunction(X)` never looks at the training rows, so a row's score
 * depends on the other rows scored with it. `fit` stores nothing beyond the
 * parameters.
 *
 * Distances are sqrt(|‖x‖² + ‖y‖² − 2x·y|), the formula PyOD uses. Row i's
 * affinities a_ij = exp(−β_i·d_ij) use the β_i that PyOD's bisection finds
 * (start 1, double or halve until bracketed, at most 5000 steps, stop when
 * the entropy is within eps of log(perplexity)). With binding probabilities
 * b_ij = a_ij / Σ_j a_ij, the score of row j is Π_{i≠j} (1 − b_ij), the
 * probability that no row binds to it; higher = more abnormal.
 *
 * Memory is O(n) per batch because the distances are recomputed row by row,
 * and time is O(n²·d).
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import type { Matrix } from './matrix';
import { contaminationOption, numberOption, rejectUnknownOptions, withDefault } from './options';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { abs, exp, log, sqrt } = Math;

export interface SosOptions extends BaseOptions {
  perplexity?: number;
  eps?: number;
}

interface SosParams {
  contamination: number;
  perplexity: number;
  eps: number;
}

const MAX_TRIES = 5000;

export function resolveSosOptions(options: SosOptions): SosParams {
  rejectUnknownOptions('sos', options, ['contamination', 'perplexity', 'eps']);
  return {
    contamination: contaminationOption(options.contamination),
    perplexity: numberOption('perplexity', withDefault(options.perplexity, 4.5), { low: 1 }),
    eps: numberOption('eps', withDefault(options.eps, 1e-5), { low: 0, lowOpen: true }),
  };
}

/** Fills `out` with row i's distances to every row by PyOD's dot-product formula; the own entry is set to NaN. */
function distanceRow(X: Matrix, squares: Float64Array, i: number, out: Float64Array): void {
  const d = X.cols;
  for (let j = 0; j < X.rows; j++) {
    let dot = 0;
    for (let f = 0; f < d; f++) dot += X.data[i * d + f]! * X.data[j * d + f]!;
    out[j] = sqrt(abs(-2 * dot + squares[i]! + squares[j]!));
  }
  out[i] = Number.NaN;
}

/** Fills `affinity` with exp(−β·d) (0 for the own row) and returns the entropy H = log Σa + β·Σ(d·a)/Σa. */
function entropy(distances: Float64Array, beta: number, affinity: Float64Array): number {
  let sum = 0;
  let weighted = 0;
  for (let j = 0; j < distances.length; j++) {
    const distance = distances[j]!;
    if (Number.isNaN(distance)) {
      affinity[j] = 0;
      continue;
    }
    const a = exp(-distance * beta);
    affinity[j] = a;
    sum += a;
    weighted += distance * a;
  }
  return log(sum) + (beta * weighted) / sum;
}

/** Runs PyOD's bisection on β so that the entropy of row affinities matches log(perplexity); fills `affinity`. */
function bindRow(distances: Float64Array, params: SosParams, affinity: Float64Array): void {
  const target = log(params.perplexity);
  let beta = 1;
  let low = -Infinity;
  let high = Infinity;
  let difference = entropy(distances, beta, affinity) - target;
  for (let tries = 0; (Number.isNaN(difference) || abs(difference) > params.eps) && tries < MAX_TRIES; tries++) {
    if (Number.isNaN(difference)) {
      beta /= 10;
    } else if (difference > 0) {
      low = beta;
      beta = high === Infinity ? beta * 2 : (beta + high) / 2;
    } else {
      high = beta;
      beta = low === -Infinity ? beta / 2 : (beta + low) / 2;
    }
    difference = entropy(distances, beta, affinity) - target;
  }
}

/** Computes SOS outlier probabilities for every row of X against the other rows of X. */
export function stochasticOutlierScores(X: Matrix, params: SosParams): Float64Array {
  const n = X.rows;
  const d = X.cols;
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) squares[i]! += X.data[i * d + f]! ** 2;
  }
  const distances = new Float64Array(n);
  const affinity = new Float64Array(n);
  const scores = new Float64Array(n).fill(1);

  for (let i = 0; i < n; i++) {
    distanceRow(X, squares, i, distances);
    bindRow(distances, params, affinity);
    let total = 0;
    for (let j = 0; j < n; j++) total += affinity[j]!;
    for (let j = 0; j < n; j++) scores[j]! *= 1 - affinity[j]! / total;
  }
  return scores;
}

export class Sos extends OutlierDetector<SosParams> {
  readonly detectorName = 'sos';
  readonly formatVersion = 1;

  constructor(options: SosOptions = {}) {
    super(resolveSosOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    return stochasticOutlierScores(X, this.params);
  }

  protected scoreRows(X: Matrix): Float64Array {
    return stochasticOutlierScores(X, this.params);
  }

  protected exportState(): StateValue {
    return {};
  }

  protected importState(): void {
    // SOS keeps no fitted state: every batch is scored on its own.
  }
}
