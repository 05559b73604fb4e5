/**
 * PCA outlier detector (Shyu et al., 2003), following PyOD 3.6.5's PCA with
 * n_components=None (all components), weighted=True and standardization=True.
 *
 * Parameters:
 * - `nSelectedComponents`: integer in [1, d], or null for all d components
 *   (default null). The last (lowest-variance) components are used.
 * - `weighted`: boolean, default true. Divides each distance by the
 *   component's explained-variance ratio.
 * - `standardization`: boolean, default true. Z-scores the features with the
 *   training mean and population standard deviation (a zero deviation is
 *   replaced by 1, as scikit-learn's StandardScaler does).
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` stores the scaler, the principal axes of the (standardised) training
 * data (eigenvectors of the sample covariance, signed like scikit-learn's
 * svd_flip) and their explained-variance ratios. Score of a row z =
 * Σ_j ‖z − v_j‖ / ratio_j over the selected axes v_j: the Euclidean distance to
 * each unit axis vector, as PyOD computes it with cdist, so it depends on the
 * axes' signs. Higher = more abnormal. New scores depend only on the stored
 * axes.
 *
 * NOTE: axes whose explained variance is numerically zero (below d·ε times the
 * largest, from collinear features) are left out. PyOD keeps them and divides
 * by a ratio of 0 or ~1e-17, which gives infinite or rounding-dominated
 * scores, so results differ from PyOD on such data.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { InvalidOptionError } from './errors';
import { columnMeans, covariance, symmetricEigen } from './linear-algebra';
import type { Matrix } from './matrix';
import { readFloat64State, readNumberState } from './matrix-state';
import { booleanOption, contaminationOption, integerOption, rejectUnknownOptions, withDefault } from './options';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { sqrt } = Math;

export interface PcaOptions extends BaseOptions {
  nSelectedComponents?: number | null;
  weighted?: boolean;
  standardization?: boolean;
}

interface PcaParams {
  contamination: number;
  nSelectedComponents: number | null;
  weighted: boolean;
  standardization: boolean;
}

export function resolvePcaOptions(options: PcaOptions): PcaParams {
  rejectUnknownOptions('pca', options, ['contamination', 'nSelectedComponents', 'weighted', 'standardization']);
  const selected = withDefault<unknown>(options.nSelectedComponents, null);
  return {
    contamination: contaminationOption(options.contamination),
    nSelectedComponents: selected === null ? null : integerOption('nSelectedComponents', selected, 1),
    weighted: booleanOption('weighted', withDefault(options.weighted, true)),
    standardization: booleanOption('standardization', withDefault(options.standardization, true)),
  };
}

export class Pca extends OutlierDetector<PcaParams> {
  readonly detectorName = 'pca';
  readonly formatVersion = 1;
  private center: Float64Array = new Float64Array(0);
  private scale: Float64Array = new Float64Array(0);
  /** Row-major selected axes, one per row. */
  private axes: Float64Array = new Float64Array(0);
  private weights: Float64Array = new Float64Array(0);
  private axisCount = 0;

  constructor(options: PcaOptions = {}) {
    super(resolvePcaOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    const d = X.cols;
    this.fitScaler(X);
    const Z = this.standardise(X);
    const eigen = symmetricEigen(covariance(Z, columnMeans(Z), Z.rows - 1), d);

    const nonZeroAxes = keptAxisCount(eigen.values);
    const selected = this.params.nSelectedComponents ?? nonZeroAxes;
    if (selected > nonZeroAxes) {
      throw new InvalidOptionError('nSelectedComponents', selected, `an integer in [1, ${nonZeroAxes}], the number of axes with non-zero variance`);
    }
    let total = 0;
    for (let k = 0; k < d; k++) total += Math.max(0, eigen.values[k]!);

    const first = nonZeroAxes - selected;
    this.axisCount = selected;
    this.axes = eigen.vectors.slice(first * d, nonZeroAxes * d);
    this.weights = new Float64Array(selected);
    for (let k = 0; k < selected; k++) {
      this.weights[k] = this.params.weighted ? eigen.values[first + k]! / total : 1;
    }
    return this.scoreStandardised(Z);
  }

  private fitScaler(X: Matrix): void {
    this.center = new Float64Array(X.cols);
    this.scale = new Float64Array(X.cols).fill(1);
    if (!this.params.standardization) return;
    this.center = columnMeans(X);
    const variance = covariance(X, this.center, X.rows);
    for (let j = 0; j < X.cols; j++) {
      const std = sqrt(variance[j * X.cols + j]!);
      this.scale[j] = std < 10 * Number.EPSILON ? 1 : std;
    }
  }

  private standardise(X: Matrix): Matrix {
    const data = new Float64Array(X.data.length);
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < X.cols; j++) {
        data[i * X.cols + j] = (X.data[i * X.cols + j]! - this.center[j]!) / this.scale[j]!;
      }
    }
    return { rows: X.rows, cols: X.cols, data };
  }

  protected scoreRows(X: Matrix): Float64Array {
    return this.scoreStandardised(this.standardise(X));
  }

  private scoreStandardised(Z: Matrix): Float64Array {
    const d = Z.cols;
    const scores = new Float64Array(Z.rows);
    for (let i = 0; i < Z.rows; i++) {
      let sum = 0;
      for (let k = 0; k < this.axisCount; k++) {
        let squared = 0;
        for (let j = 0; j < d; j++) {
          const diff = Z.data[i * d + j]! - this.axes[k * d + j]!;
          squared += diff * diff;
        }
        sum += sqrt(squared) / this.weights[k]!;
      }
      scores[i] = sum;
    }
    return scores;
  }

  protected exportState(): StateValue {
    return { center: this.center, scale: this.scale, axes: this.axes, weights: this.weights, axisCount: this.axisCount };
  }

  protected importState(state: StateValue): void {
    this.center = readFloat64State(state, 'center', 'pca');
    this.scale = readFloat64State(state, 'scale', 'pca');
    this.axes = readFloat64State(state, 'axes', 'pca');
    this.weights = readFloat64State(state, 'weights', 'pca');
    this.axisCount = readNumberState(state, 'axisCount', 'pca');
  }
}

/** Number of leading eigenvalues above d·ε times the largest one. */
function keptAxisCount(descending: Float64Array): number {
  const cutoff = descending.length * Number.EPSILON * Math.max(descending[0]!, 0);
  let kept = 0;
  while (kept < descending.length && descending[kept]! > cutoff) kept++;
  return Math.max(kept, 1);
}
