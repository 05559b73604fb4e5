/**
 * FeatureBagging (Lazarevic and Kumar, 2005), following PyOD 3.6.5's
 * FeatureBagging with its default LOF base detector and
 * combination='average'.
 *
 * Parameters:
 * - `nEstimators`: integer ≥ 1, default 10.
 * - `nNeighbors`: integer ≥ 1, default 20, the base LOF's neighbour count.
 * - `randomState`: integer seed in [0, 2^32 − 1], default 0. Our generator
 *   (random.ts) differs from numpy's, so only the score distribution matches
 *   PyOD's, never draw for draw.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` needs at least two features. Each estimator draws a feature count
 * uniformly from [⌊d/2⌋, d], then that many distinct features, and fits an
 * LOF on those columns. The score is the plain mean of the estimators' LOF
 * scores (PyOD averages raw scores, without standardising them). Higher =
 * more abnormal. New scores depend on the training rows each LOF stores.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { InvalidInputError, ModelFormatError } from './errors';
import { Lof } from './lof';
import type { Matrix } from './matrix';
import { contaminationOption, integerOption, rejectUnknownOptions, seedOption, withDefault } from './options';
import { createRandom, sampleWithoutReplacement } from './random';

export interface FeatureBaggingOptions extends BaseOptions {
  nEstimators?: number;
  nNeighbors?: number;
  randomState?: number;
}

interface FeatureBaggingParams {
  contamination: number;
  nEstimators: number;
  nNeighbors: number;
  randomState: number;
}

export function resolveFeatureBaggingOptions(options: FeatureBaggingOptions): FeatureBaggingParams {
  rejectUnknownOptions('feature-bagging', options, ['contamination', 'nEstimators', 'nNeighbors', 'randomState']);
  return {
    contamination: contaminationOption(options.contamination),
    nEstimators: integerOption('nEstimators', withDefault(options.nEstimators, 10), 1),
    nNeighbors: integerOption('nNeighbors', withDefault(options.nNeighbors, 20), 1),
    randomState: seedOption('randomState', withDefault(options.randomState, 0)),
  };
}

function selectColumns(X: Matrix, columns: Int32Array): Matrix {
  const data = new Float64Array(X.rows * columns.length);
  for (let i = 0; i < X.rows; i++) {
    for (let c = 0; c < columns.length; c++) data[i * columns.length + c] = X.data[i * X.cols + columns[c]!]!;
  }
  return { rows: X.rows, cols: columns.length, data };
}

export class FeatureBagging extends OutlierDetector<FeatureBaggingParams> {
  readonly detectorName = 'feature-bagging';
  readonly formatVersion = 1;
  private features: Int32Array[] = [];
  private estimators: Lof[] = [];

  constructor(options: FeatureBaggingOptions = {}) {
    super(resolveFeatureBaggingOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    if (X.cols < 2) {
      throw new InvalidInputError(`feature-bagging needs at least 2 features: X has ${X.cols} column`);
    }
    const random = createRandom(this.params.randomState);
    const minimum = Math.floor(X.cols / 2);
    this.features = [];
    this.estimators = [];
    for (let e = 0; e < this.params.nEstimators; e++) {
      const count = minimum + random.nextInt(X.cols - minimum + 1);
      const columns = sampleWithoutReplacement(random, X.cols, count);
      this.features.push(columns);
      this.estimators.push(new Lof({ nNeighbors: this.params.nNeighbors }).fit(selectColumns(X, columns)));
    }
    return this.average(this.estimators.map((estimator) => estimator.decisionScores));
  }

  protected scoreRows(X: Matrix): Float64Array {
    return this.average(this.estimators.map((estimator, e) => estimator.decisionFunction(selectColumns(X, this.features[e]!))));
  }

  private average(scores: Float64Array[]): Float64Array {
    const out = new Float64Array(scores[0]!.length);
    for (const series of scores) series.forEach((value, i) => (out[i]! += value));
    return out.map((sum) => sum / scores.length);
  }

  /** Stores each base LOF as its toJSON text, which reloads bit-identically. */
  protected exportState(): StateValue {
    return { features: this.features, estimators: this.estimators.map((estimator) => JSON.stringify(estimator.toJSON())) };
  }

  protected importState(state: StateValue): void {
    const { features, estimators } = state as { features?: unknown; estimators?: unknown };
    if (!Array.isArray(features) || !Array.isArray(estimators) || features.length !== estimators.length) {
      throw new ModelFormatError('feature-bagging state is malformed: expected matching "features" and "estimators" arrays');
    }
    this.features = features.map((columns) => {
      if (!(columns instanceof Int32Array)) throw new ModelFormatError('feature-bagging state is malformed: expected int32 feature indices');
      return columns;
    });
    this.estimators = estimators.map((text) => {
      const json = JSON.parse(String(text)) as { params: Record<string, unknown>; state: never };
      return new Lof(json.params).restoreState(json.state);
    });
  }
}
