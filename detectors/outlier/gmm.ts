/**
 * GMM outlier detector: the negative log likelihood under a Gaussian fitted
 * to the training data, following PyOD 3.6.5's GMM defaults
 * (scikit-learn's GaussianMixture with n_components=1,
 * covariance_type='full', reg_covar=1e-6).
 *
 * Parameters:
 * - `regCovar`: number ≥ 0 added to the covariance diagonal, default 1e-6.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * With one component, EM converges to the maximum-likelihood estimate in one
 * step, so `fit` stores the training mean, the population covariance plus
 * regCovar·I and its Cholesky factor. Score of x = ½(d·log 2π + log det Σ +
 * (x − μ)ᵀ Σ⁻¹ (x − μ)). Higher = more abnormal. New scores depend only on the
 * stored Gaussian.
 *
 * TODO: PyOD also accepts n_components > 1 (EM with k-means initialisation)
 * and other covariance types; only the default single full-covariance
 * component is implemented, so `nComponents` accepts only 1.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { cholesky, columnMeans, covariance, mahalanobisSquared } from './linear-algebra';
import type { Matrix } from './matrix';
import { readFloat64State, readNumberState } from './matrix-state';
import { contaminationOption, integerOption, numberOption, rejectUnknownOptions, withDefault } from './options';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { log } = Math;

export interface GmmOptions extends BaseOptions {
  nComponents?: number;
  regCovar?: number;
}

interface GmmParams {
  contamination: number;
  nComponents: number;
  regCovar: number;
}

export function resolveGmmOptions(options: GmmOptions): GmmParams {
  rejectUnknownOptions('gmm', options, ['contamination', 'nComponents', 'regCovar']);
  return {
    contamination: contaminationOption(options.contamination),
    nComponents: integerOption('nComponents', withDefault(options.nComponents, 1), 1, 1),
    regCovar: numberOption('regCovar', withDefault(options.regCovar, 1e-6), { low: 0 }),
  };
}

export class Gmm extends OutlierDetector<GmmParams> {
  readonly detectorName = 'gmm';
  readonly formatVersion = 1;
  private mean: Float64Array = new Float64Array(0);
  private lower: Float64Array = new Float64Array(0);
  private logDeterminant = 0;

  constructor(options: GmmOptions = {}) {
    super(resolveGmmOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    const d = X.cols;
    this.mean = columnMeans(X);
    const sigma = covariance(X, this.mean, X.rows);
    for (let j = 0; j < d; j++) sigma[j * d + j]! += this.params.regCovar;

    const factor = cholesky(sigma, d, 'gmm covariance (increase regCovar)');
    this.lower = factor.lower;
    this.logDeterminant = factor.logDeterminant;
    return this.scoreRows(X);
  }

  protected scoreRows(X: Matrix): Float64Array {
    const d = X.cols;
    const constant = d * log(2 * Math.PI) + this.logDeterminant;
    const work = new Float64Array(d);
    const scores = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      const row = X.data.subarray(i * d, (i + 1) * d);
      scores[i] = 0.5 * (constant + mahalanobisSquared(this.lower, d, row, this.mean, work));
    }
    return scores;
  }

  protected exportState(): StateValue {
    return { mean: this.mean, lower: this.lower, logDeterminant: this.logDeterminant };
  }

  protected importState(state: StateValue): void {
    this.mean = readFloat64State(state, 'mean', 'gmm');
    this.lower = readFloat64State(state, 'lower', 'gmm');
    this.logDeterminant = readNumberState(state, 'logDeterminant', 'gmm');
  }
}
