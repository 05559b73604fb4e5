/**
 * ABOD: Angle-Based Outlier Detection (Kriegel, Schubert and Zimek, 2008),
 * following PyOD 3.6.5's ABOD with method='fast' and the Euclidean distance.
 *
 * Parameters:
 * - `nNeighbors`: integer ≥ 2, default 5. `fit` uses min(nNeighbors, n − 1).
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` stores a copy of the training matrix. For a row p, take its k nearest
 * training rows. Like PyOD, a training row's own index is among its
 * neighbours, and any neighbour equal to p is skipped. For each remaining pair
 * (a, b), wcos = ⟨a − p, b − p⟩ / (‖a − p‖²·‖b − p‖²). The score is
 * −Var(wcos) (population variance), so higher = more abnormal. A row without
 * any valid pair gets NaN, as in PyOD, and then the threshold is NaN too and
 * every training row is labelled an inlier. New scores depend on the stored
 * training rows.
 *
 * Neighbour ties are broken by the lower row index, while scikit-learn's tree
 * breaks them by its layout, so rows with tied k-th neighbours can differ
 * from PyOD.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import type { Matrix } from './matrix';
import { copyMatrix, matrixState, readMatrixState, readNumberState } from './matrix-state';
import { NeighbourSearch } from './neighbours';
import { contaminationOption, integerOption, rejectUnknownOptions, withDefault } from './options';

export interface AbodOptions extends BaseOptions {
  nNeighbors?: number;
}

interface AbodParams {
  contamination: number;
  nNeighbors: number;
}

export function resolveAbodOptions(options: AbodOptions): AbodParams {
  rejectUnknownOptions('abod', options, ['contamination', 'nNeighbors']);
  return {
    contamination: contaminationOption(options.contamination),
    nNeighbors: integerOption('nNeighbors', withDefault(options.nNeighbors, 5), 2),
  };
}

function sameRow(X: Matrix, i: number, Y: Matrix, j: number): boolean {
  for (let f = 0; f < X.cols; f++) {
    if (X.data[i * X.cols + f] !== Y.data[j * Y.cols + f]) return false;
  }
  return true;
}

/** Returns the population variance of the weighted cosines of row p of Q over pairs of its neighbours in T. */
function weightedCosineVariance(Q: Matrix, p: number, T: Matrix, neighbours: Int32Array): number {
  const d = Q.cols;
  const valid = Array.from(neighbours).filter((row) => !sameRow(T, row, Q, p));
  const values: number[] = [];
  for (let x = 0; x < valid.length; x++) {
    for (let y = x + 1; y < valid.length; y++) {
      let dot = 0;
      let normA = 0;
      let normB = 0;
      for (let f = 0; f < d; f++) {
        const a = T.data[valid[x]! * d + f]! - Q.data[p * d + f]!;
        const b = T.data[valid[y]! * d + f]! - Q.data[p * d + f]!;
        dot += a * b;
        normA += a * a;
        normB += b * b;
      }
      values.push(dot / normA / normB);
    }
  }
  if (values.length === 0) return Number.NaN;
  const mu = values.reduce((sum, v) => sum + v, 0) / values.length;
  return values.reduce((sum, v) => sum + (v - mu) * (v - mu), 0) / values.length;
}

export class Abod extends OutlierDetector<AbodParams> {
  readonly detectorName = 'abod';
  readonly formatVersion = 1;
  private search: NeighbourSearch | undefined;
  private k = 0;

  constructor(options: AbodOptions = {}) {
    super(resolveAbodOptions(options));
  }

  /** Returns NaN when any training score is NaN, as numpy.percentile does, so every row is then labelled an inlier like in PyOD. */
  protected override thresholdFor(scores: Float64Array): number {
    return scores.some(Number.isNaN) ? Number.NaN : super.thresholdFor(scores);
  }

  protected fitScores(X: Matrix): Float64Array {
    this.search = new NeighbourSearch(copyMatrix(X));
    this.k = Math.min(this.params.nNeighbors, X.rows - 1);
    return this.scoreRows(X);
  }

  protected scoreRows(X: Matrix): Float64Array {
    const training = this.search!.training;
    const { indices } = this.search!.query(X, this.k);
    const scores = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      scores[i] = -weightedCosineVariance(X, i, training, indices.subarray(i * this.k, (i + 1) * this.k));
    }
    return scores;
  }

  protected exportState(): StateValue {
    return { training: matrixState(this.search!.training), k: this.k };
  }

  protected importState(state: StateValue): void {
    this.search = new NeighbourSearch(readMatrixState(state, 'training', this.detectorName));
    this.k = readNumberState(state, 'k', this.detectorName);
  }
}
