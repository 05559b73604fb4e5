/**
 * The contract every outlier detector follows, modelled on PyOD 3.6.5's
 * BaseDetector.
 *
 * - `fit(X)` learns from the training rows and stores `decisionScores` (one
 *   score per training row), `threshold` = the 100·(1 − contamination)
 *   percentile of those scores (quantile type 7, numpy's default linear
 *   interpolation) and `labels` = 1 where a score is strictly greater than the
 *   threshold, else 0.
 * - `decisionFunction(X)` returns raw scores; higher means more abnormal.
 * - `predict(X)` applies the training threshold with the same strict `>`.
 * - `predictProba(X, method)` returns the outlier probability (PyOD's column 1).
 *   'linear' min-max scales by the training scores' minimum and maximum and
 *   clips to [0, 1]. 'unify' returns erf((s − μ)/(σ√2)) clipped to [0, 1], with
 *   μ and the population σ of the training scores.
 * - `predictConfidence(X)` is Perini et al. (2020)'s confidence in each
 *   predicted label (see the method).
 *
 * Inputs are never mutated. `fit` needs at least two rows; scoring accepts any
 * non-empty matrix with the training column count. Subclasses implement
 * `fitScores`, `scoreRows`, `exportState` and `importState`.
 */
import { encodeState, decodeState, type EncodedValue, type StateValue } from './encoding';
import { InvalidInputError, InvalidOptionError, ModelFormatError, NotFittedError } from './errors';
import { assertValidMatrix, type Matrix } from './matrix';
import { contaminationOption } from './options';
import { erf, binomialSurvival, logFactorials } from './special-functions';
import { mean, percentile, populationStd, sortedCopy } from './statistics';

export type ProbabilityMethod = 'linear' | 'unify';

/** Detector families, as PyOD's README groups them. */
export type DetectorFamily = 'probabilistic' | 'linear' | 'proximity' | 'ensemble';

/** Parameters common to every detector. */
export interface BaseOptions {
  /** Expected share of outliers in the training data, in (0, 0.5]. Default 0.1. */
  contamination?: number;
}

/** The plain-object form of a detector produced by `toJSON`. */
export interface DetectorJson {
  detector: string;
  formatVersion: number;
  params: EncodedValue;
  state: EncodedValue | null;
}

interface FittedSummary {
  scores: Float64Array;
  sortedScores: Float64Array;
  threshold: number;
  labels: Uint8Array;
  mean: number;
  std: number;
  min: number;
  max: number;
  cols: number;
}

export abstract class OutlierDetector<Params extends { contamination: number }> {
  /** Registry name, e.g. 'knn'. */
  abstract readonly detectorName: string;
  /** Version of the serialised state layout; bump it whenever `exportState` changes. */
  abstract readonly formatVersion: number;

  readonly params: Readonly<Params>;
  private fitted: FittedSummary | undefined;

  protected constructor(params: Params) {
    this.params = Object.freeze({ ...params, contamination: contaminationOption(params.contamination) });
  }

  /** Smallest training set the detector accepts; subclasses raise it when they need more rows. */
  protected minFitRows(): number {
    return 2;
  }

  /** Learns the model from `X` and returns the training scores. */
  protected abstract fitScores(X: Matrix): Float64Array;

  /** Scores rows of a matrix that has already been checked. */
  protected abstract scoreRows(X: Matrix): Float64Array;

  /** Fitted model state, without the training-score summary the base keeps. */
  protected abstract exportState(): StateValue;

  /** Restores what `exportState` returned. */
  protected abstract importState(state: StateValue): void;

  /** Returns the training threshold by PyOD's percentile rule, unless a detector documents another rule. */
  protected thresholdFor(scores: Float64Array): number {
    return percentile(scores, 100 * (1 - this.params.contamination));
  }

  /** Fits the detector to the rows of `X` and sets decisionScores, threshold and labels. */
  fit(X: Matrix): this {
    assertValidMatrix(X, 'X', Math.max(2, this.minFitRows()));
    const scores = this.fitScores(X);
    this.fitted = this.summarise(scores, X.cols);
    return this;
  }

  private summarise(scores: Float64Array, cols: number): FittedSummary {
    const threshold = this.thresholdFor(scores);
    const sortedScores = sortedCopy(scores);
    return {
      scores,
      sortedScores,
      threshold,
      labels: this.applyThreshold(scores, threshold),
      mean: mean(scores),
      std: populationStd(scores),
      min: sortedScores[0]!,
      max: sortedScores[sortedScores.length - 1]!,
      cols,
    };
  }

  private applyThreshold(scores: Float64Array, threshold: number): Uint8Array {
    const labels = new Uint8Array(scores.length);
    for (let i = 0; i < scores.length; i++) {
      labels[i] = scores[i]! > threshold ? 1 : 0;
    }
    return labels;
  }

  /** True once `fit` or a load has set the model. */
  get isFitted(): boolean {
    return this.fitted !== undefined;
  }

  private requireFitted(method: string): FittedSummary {
    if (this.fitted === undefined) {
      throw new NotFittedError(this.detectorName, method);
    }
    return this.fitted;
  }

  /** Scores of the training rows, in training order. */
  get decisionScores(): Float64Array {
    return this.requireFitted('decisionScores').scores;
  }

  /** Score above which a row is labelled an outlier. */
  get threshold(): number {
    return this.requireFitted('threshold').threshold;
  }

  /** Training labels: 1 = outlier, 0 = inlier. */
  get labels(): Uint8Array {
    return this.requireFitted('labels').labels;
  }

  /** Number of features seen by `fit`. */
  get featureCount(): number {
    return this.requireFitted('featureCount').cols;
  }

  /** Returns the raw outlier score of each row of `X`; higher means more abnormal. */
  decisionFunction(X: Matrix): Float64Array {
    const fitted = this.requireFitted('decisionFunction');
    assertValidMatrix(X, 'X', 1);
    if (X.cols !== fitted.cols) {
      throw new InvalidInputError(`X has ${X.cols} columns: expected ${fitted.cols}, the column count seen by fit`);
    }
    return this.scoreRows(X);
  }

  /** Returns 1 for rows whose score is strictly above the training threshold, else 0. */
  predict(X: Matrix): Uint8Array {
    return this.applyThreshold(this.decisionFunction(X), this.threshold);
  }

  /** Returns each row's outlier probability in [0, 1] by the 'linear' (default) or 'unify' method. */
  predictProba(X: Matrix, method: ProbabilityMethod = 'linear'): Float64Array {
    if (method !== 'linear' && method !== 'unify') {
      throw new InvalidOptionError('method', method, "'linear' or 'unify'");
    }
    const fitted = this.requireFitted('predictProba');
    const scores = this.decisionFunction(X);
    const out = new Float64Array(scores.length);
    for (let i = 0; i < scores.length; i++) {
      out[i] = clip01(method === 'linear' ? linearProbability(scores[i]!, fitted) : unifyProbability(scores[i]!, fitted));
    }
    return out;
  }

  /**
   * Returns Perini et al.'s confidence in each predicted label. With n
   * training scores, c = #{training scores ≤ s} and p = (1 + c)/(2 + n), the
   * outlier confidence is P(Binomial(n, p) > n − ⌊n·contamination⌋); predicted
   * inliers get 1 minus that value.
   */
  predictConfidence(X: Matrix): Float64Array {
    const fitted = this.requireFitted('predictConfidence');
    const scores = this.decisionFunction(X);
    const n = fitted.scores.length;
    const k = n - Math.floor(n * this.params.contamination);
    const logFact = logFactorials(n);
    const byCount = new Map<number, number>();
    const out = new Float64Array(scores.length);

    for (let i = 0; i < scores.length; i++) {
      const count = countAtMost(fitted.sortedScores, scores[i]!);
      let confidence = byCount.get(count);
      if (confidence === undefined) {
        confidence = binomialSurvival(k, n, (1 + count) / (2 + n), logFact);
        byCount.set(count, confidence);
      }
      out[i] = scores[i]! > fitted.threshold ? confidence : 1 - confidence;
    }
    return out;
  }

  /** Returns the parameters and the fitted state as a plain JSON-safe object; loads back bit-identically. */
  toJSON(): DetectorJson {
    const fitted = this.fitted;
    const state =
      fitted === undefined
        ? null
        : encodeState({ trainingScores: fitted.scores, featureCount: fitted.cols, model: this.exportState() });
    return {
      detector: this.detectorName,
      formatVersion: this.formatVersion,
      params: encodeState(this.params as unknown as StateValue),
      state,
    };
  }

  /** Restores the fitted state written by `toJSON`; the registry's loadDetector calls it. */
  restoreState(encoded: EncodedValue | null): this {
    if (encoded === null) {
      this.fitted = undefined;
      return this;
    }
    const state = decodeState(encoded) as Record<string, StateValue>;
    const scores = state.trainingScores;
    const cols = state.featureCount;
    if (!(scores instanceof Float64Array) || typeof cols !== 'number' || state.model === undefined) {
      throw new ModelFormatError(`${this.detectorName} state is malformed: expected trainingScores, featureCount and model`);
    }
    this.importState(state.model);
    this.fitted = this.summarise(scores, cols);
    return this;
  }
}

function clip01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

// Same arithmetic as scikit-learn's MinMaxScaler (x·scale − min·scale, scale = 1 for a zero range).
function linearProbability(score: number, fitted: FittedSummary): number {
  const range = fitted.max - fitted.min;
  const scale = range === 0 ? 1 : 1 / range;
  return score * scale + (0 - fitted.min * scale);
}

function unifyProbability(score: number, fitted: FittedSummary): number {
  return erf((score - fitted.mean) / (fitted.std * Math.SQRT2));
}

/** Number of sorted values that are ≤ x (binary search). */
export function countAtMost(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= x) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
