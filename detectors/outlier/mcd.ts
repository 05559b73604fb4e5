/**
 * MCD: the squared Mahalanobis distance under the Minimum Covariance
 * Determinant estimate, following PyOD 3.6.5's MCD, which wraps
 * scikit-learn 1.9.1's MinCovDet (assume_centered=False).
 *
 * Parameters:
 * - `supportFraction`: null (default) or a number in (0, 1]. null uses
 *   h = min(⌈(n + d + 1)/2⌉, n) support rows, a number ⌊supportFraction·n⌋.
 * - `randomState`: integer seed in [0, 2^32 − 1], default 0 (PyOD's default
 *   is None, an unseeded draw). It seeds a numpy-compatible RandomState, so
 *   FastMCD draws the same subsets as scikit-learn with random_state=seed.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` runs FastMCD for the raw support, divides the raw distances by the
 * consistency factor c(α) = α / F_{χ²(d+2)}(F⁻¹_{χ²(d)}(α)) with α = h/n,
 * keeps the rows whose corrected distance is below the 0.975 quantile of
 * χ²(d), and stores their mean and the pseudo-inverse of their population
 * covariance times c(0.975). Score = (x − μ)ᵀ Σ⁻¹ (x − μ), the squared
 * Mahalanobis distance; higher = more abnormal. New scores depend only on the
 * stored location and precision.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import { chiSquareCdf, chiSquareQuantile } from './chi-square';
import type { StateValue } from './encoding';
import { InvalidInputError, InvalidOptionError } from './errors';
import { fastMcd, mahalanobisRows, mcdSupportSize, pseudoInverse } from './fast-mcd';
import { columnMeans, covariance } from './linear-algebra';
import { selectRows, type Matrix } from './matrix';
import { readFloat64State } from './matrix-state';
import { contaminationOption, numberOption, rejectUnknownOptions, seedOption, withDefault } from './options';
import { NumpyRandomState } from './mt19937';

export interface McdOptions extends BaseOptions {
  supportFraction?: number | null;
  randomState?: number;
}

interface McdParams {
  contamination: number;
  supportFraction: number | null;
  randomState: number;
}

/** Quantile level of χ²(d) below which a row is kept by the reweighting step (scikit-learn: isf(0.025)). */
const REWEIGHT_LEVEL = 0.975;

export function resolveMcdOptions(options: McdOptions): McdParams {
  rejectUnknownOptions('mcd', options, ['contamination', 'supportFraction', 'randomState']);
  const fraction = withDefault<unknown>(options.supportFraction, null);
  return {
    contamination: contaminationOption(options.contamination),
    supportFraction: fraction === null ? null : numberOption('supportFraction', fraction, { low: 0, high: 1, lowOpen: true }),
    randomState: seedOption('randomState', withDefault(options.randomState, 0)),
  };
}

/** Consistency factor c(α) = α / F_{χ²(d+2)}(F⁻¹_{χ²(d)}(α)) that makes an α-trimmed covariance unbiased at the normal. */
export function consistencyFactor(d: number, alpha: number): number {
  if (alpha >= 1) return 1;
  return alpha / chiSquareCdf(chiSquareQuantile(alpha, d), d + 2);
}

export class Mcd extends OutlierDetector<McdParams> {
  readonly detectorName = 'mcd';
  readonly formatVersion = 1;
  private location: Float64Array = new Float64Array(0);
  private precision: Float64Array = new Float64Array(0);

  constructor(options: McdOptions = {}) {
    super(resolveMcdOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    const d = X.cols;
    const h = mcdSupportSize(X.rows, d, this.params.supportFraction);
    if (h < 1) {
      throw new InvalidOptionError('supportFraction', this.params.supportFraction, `a fraction that keeps at least one of the ${X.rows} rows`);
    }
    const raw = fastMcd(X, h, new NumpyRandomState(this.params.randomState));
    if (raw.supportSize < X.rows && raw.covariance.every((v) => Math.abs(v) <= 1e-8)) {
      throw new InvalidInputError('mcd raw covariance of the support is zero: increase supportFraction or remove repeated rows');
    }

    const rawFactor = consistencyFactor(d, raw.supportSize / X.rows);
    const cutoff = chiSquareQuantile(REWEIGHT_LEVEL, d);
    const kept: number[] = [];
    raw.distances.forEach((distance, i) => {
      if (distance / rawFactor < cutoff) kept.push(i);
    });

    const inliers = selectRows(X, kept);
    this.location = columnMeans(inliers);
    const reweighted = covariance(inliers, this.location, inliers.rows);
    const factor = consistencyFactor(d, REWEIGHT_LEVEL);
    this.precision = pseudoInverse(reweighted.map((v) => v * factor), d).precision;
    return this.scoreRows(X);
  }

  protected scoreRows(X: Matrix): Float64Array {
    return mahalanobisRows(X, this.location, this.precision);
  }

  protected exportState(): StateValue {
    return { location: this.location, precision: this.precision };
  }

  protected importState(state: StateValue): void {
    this.location = readFloat64State(state, 'location', this.detectorName);
    this.precision = readFloat64State(state, 'precision', this.detectorName);
  }
}
