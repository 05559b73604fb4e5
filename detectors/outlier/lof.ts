/**
 * LOF: Local Outlier Factor (Breunig et al., 2000) in novelty mode, following
 * PyOD 3.6.5's LOF (scikit-learn's LocalOutlierFactor with novelty=True) with
 * the Euclidean distance.
 *
 * Parameters:
 * - `nNeighbors`: integer ≥ 1, default 20. Like scikit-learn, `fit` uses
 *   min(nNeighbors, n − 1) neighbours.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` stores a copy of the training matrix, each training row's k-distance
 * (distance to its k-th nearest other row) and its local reachability density
 * lrd = 1 / (mean reachability distance + 1e-10), where the reachability
 * distance to neighbour o is max(d(x, o), k-distance(o)). The score is the
 * LOF itself, mean(lrd(neighbours)) / lrd(x), so higher = more abnormal (PyOD
 * negates scikit-learn's negative_outlier_factor_). Training rows exclude
 * themselves from their neighbours; new rows use their k nearest training
 * rows. Rows whose k-th neighbour is tied can get another neighbour set than
 * in scikit-learn (see neighbours.ts), which changes their score.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import type { Matrix } from './matrix';
import { copyMatrix, matrixState, readFloat64State, readMatrixState, readNumberState } from './matrix-state';
import { NeighbourSearch, type NeighbourResult } from './neighbours';
import { contaminationOption, integerOption, rejectUnknownOptions, withDefault } from './options';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { max } = Math;

export interface LofOptions extends BaseOptions {
  nNeighbors?: number;
}

interface LofParams {
  contamination: number;
  nNeighbors: number;
}

export function resolveLofOptions(options: LofOptions): LofParams {
  rejectUnknownOptions('lof', options, ['contamination', 'nNeighbors']);
  return {
    contamination: contaminationOption(options.contamination),
    nNeighbors: integerOption('nNeighbors', withDefault(options.nNeighbors, 20), 1),
  };
}

export class Lof extends OutlierDetector<LofParams> {
  readonly detectorName = 'lof';
  readonly formatVersion = 1;
  private search: NeighbourSearch | undefined;
  private k = 0;
  private kDistance: Float64Array = new Float64Array(0);
  private lrd: Float64Array = new Float64Array(0);

  constructor(options: LofOptions = {}) {
    super(resolveLofOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    this.search = new NeighbourSearch(copyMatrix(X));
    this.k = Math.min(this.params.nNeighbors, X.rows - 1);

    const neighbours = this.search.queryTrainingRows(this.k);
    this.kDistance = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      this.kDistance[i] = neighbours.distances[i * this.k + this.k - 1]!;
    }
    this.lrd = this.reachabilityDensity(neighbours);
    return this.outlierFactors(neighbours, this.lrd);
  }

  protected scoreRows(X: Matrix): Float64Array {
    const neighbours = this.search!.query(X, this.k);
    return this.outlierFactors(neighbours, this.reachabilityDensity(neighbours));
  }

  private reachabilityDensity(neighbours: NeighbourResult): Float64Array {
    const { k, distances, indices } = neighbours;
    const rows = distances.length / k;
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      for (let m = 0; m < k; m++) {
        const cell = i * k + m;
        sum += max(distances[cell]!, this.kDistance[indices[cell]!]!);
      }
      out[i] = 1 / (sum / k + 1e-10);
    }
    return out;
  }

  private outlierFactors(neighbours: NeighbourResult, queryDensity: Float64Array): Float64Array {
    const { k, indices } = neighbours;
    const out = new Float64Array(queryDensity.length);
    for (let i = 0; i < out.length; i++) {
      let sum = 0;
      for (let m = 0; m < k; m++) {
        sum += this.lrd[indices[i * k + m]!]! / queryDensity[i]!;
      }
      out[i] = sum / k;
    }
    return out;
  }

  protected exportState(): StateValue {
    return { training: matrixState(this.search!.training), k: this.k, kDistance: this.kDistance, lrd: this.lrd };
  }

  protected importState(state: StateValue): void {
    this.search = new NeighbourSearch(readMatrixState(state, 'training', this.detectorName));
    this.k = readNumberState(state, 'k', this.detectorName);
    this.kDistance = readFloat64State(state, 'kDistance', this.detectorName);
    this.lrd = readFloat64State(state, 'lrd', this.detectorName);
  }
}
