/**
 * KNN outlier detector (Ramaswamy et al., 2000; Angiulli and Pizzuti, 2002),
 * following PyOD 3.6.5's KNN with the Euclidean distance.
 *
 * Parameters:
 * - `nNeighbors`: integer ≥ 1, default 5. `fit` needs more rows than this.
 * - `method`: 'largest' (distance to the k-th neighbour, default), 'mean' or
 *   'median' of the k neighbour distances.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` stores a copy of the training matrix and a neighbour index over it.
 * Training scores use each row's k nearest *other* rows (the row itself is
 * excluded by index, so exact duplicates still count at distance 0). New rows
 * are scored against all training rows. Higher = more abnormal.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import type { Matrix } from './matrix';
import { copyMatrix, matrixState, readMatrixState } from './matrix-state';
import { NeighbourSearch, type NeighbourResult } from './neighbours';
import { choiceOption, contaminationOption, integerOption, rejectUnknownOptions, withDefault } from './options';

export type KnnMethod = 'largest' | 'mean' | 'median';

export interface KnnOptions extends BaseOptions {
  nNeighbors?: number;
  method?: KnnMethod;
}

interface KnnParams {
  contamination: number;
  nNeighbors: number;
  method: KnnMethod;
}

export function resolveKnnOptions(options: KnnOptions): KnnParams {
  rejectUnknownOptions('knn', options, ['contamination', 'nNeighbors', 'method']);
  return {
    contamination: contaminationOption(options.contamination),
    nNeighbors: integerOption('nNeighbors', withDefault(options.nNeighbors, 5), 1),
    method: choiceOption('method', withDefault<unknown>(options.method, 'largest'), ['largest', 'mean', 'median'] as const),
  };
}

export class Knn extends OutlierDetector<KnnParams> {
  readonly detectorName = 'knn';
  readonly formatVersion = 1;
  private search: NeighbourSearch | undefined;

  constructor(options: KnnOptions = {}) {
    super(resolveKnnOptions(options));
  }

  protected override minFitRows(): number {
    return this.params.nNeighbors + 1;
  }

  protected fitScores(X: Matrix): Float64Array {
    this.search = new NeighbourSearch(copyMatrix(X));
    return this.combine(this.search.queryTrainingRows(this.params.nNeighbors));
  }

  protected scoreRows(X: Matrix): Float64Array {
    return this.combine(this.search!.query(X, this.params.nNeighbors));
  }

  private combine(result: NeighbourResult): Float64Array {
    const { k, distances } = result;
    const rows = distances.length / k;
    const scores = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const row = distances.subarray(i * k, (i + 1) * k);
      scores[i] = combineDistances(row, this.params.method);
    }
    return scores;
  }

  protected exportState(): StateValue {
    return { training: matrixState(this.search!.training) };
  }

  protected importState(state: StateValue): void {
    this.search = new NeighbourSearch(readMatrixState(state, 'training', this.detectorName));
  }
}

/** Combines ascending neighbour distances into one score (numpy's mean and median definitions). */
export function combineDistances(sortedDistances: Float64Array, method: KnnMethod): number {
  const k = sortedDistances.length;
  if (method === 'largest') {
    return sortedDistances[k - 1]!;
  }
  if (method === 'median') {
    const middle = k >> 1;
    return k % 2 === 1 ? sortedDistances[middle]! : (sortedDistances[middle - 1]! + sortedDistances[middle]!) / 2;
  }
  let sum = 0;
  for (let i = 0; i < k; i++) sum += sortedDistances[i]!;
  return sum / k;
}
