/**
 * OCSVM: one-class support vector machine (Schölkopf et al., 2001) with the
 * RBF kernel, following PyOD 3.6.5's OCSVM (scikit-learn 1.9.1's OneClassSVM,
 * which runs libsvm).
 *
 * Parameters:
 * - `nu`: number in (0, 1], default 0.5. Upper bound on the share of
 *   training errors and lower bound on the share of support vectors.
 * - `gamma`: 'auto' (1/d, default), 'scale' (1/(d·Var(X)) over all training
 *   values) or a number > 0. K(x, y) = exp(−γ‖x − y‖²).
 * - `tol`: number > 0, default 1e-3. Stopping tolerance on the KKT gap.
 * - `shrinking`: boolean, default true.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` solves the dual (one-class-smo.ts) and stores the support vectors
 * (rows with α > 0), their α and ρ. Score of x = ρ − Σ α_i K(x_i, x), the
 * negated libsvm decision value, so higher = more abnormal. New scores depend
 * only on the stored support vectors.
 *
 * TODO: PyOD also offers the linear, poly and sigmoid kernels; only 'rbf' is
 * implemented, so `kernel` accepts only 'rbf'.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { InvalidOptionError } from './errors';
import type { Matrix } from './matrix';
import { matrixState, readFloat64State, readMatrixState, readNumberState } from './matrix-state';
import { solveOneClass, type TrainingKernel } from './one-class-smo';
import { booleanOption, choiceOption, contaminationOption, numberOption, rejectUnknownOptions, withDefault } from './options';
import { mean } from './statistics';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { exp } = Math;

/** Kernel-column cache size, scikit-learn's default cache_size of 200 MB. */
const CACHE_BYTES = 200 * 1024 * 1024;

export interface OcsvmOptions extends BaseOptions {
  kernel?: 'rbf';
  nu?: number;
  gamma?: 'auto' | 'scale' | number;
  tol?: number;
  shrinking?: boolean;
}

interface OcsvmParams {
  contamination: number;
  kernel: 'rbf';
  nu: number;
  gamma: 'auto' | 'scale' | number;
  tol: number;
  shrinking: boolean;
}

export function resolveOcsvmOptions(options: OcsvmOptions): OcsvmParams {
  rejectUnknownOptions('ocsvm', options, ['contamination', 'kernel', 'nu', 'gamma', 'tol', 'shrinking']);
  const gamma = withDefault<unknown>(options.gamma, 'auto');
  if (gamma !== 'auto' && gamma !== 'scale' && !(typeof gamma === 'number' && gamma > 0 && Number.isFinite(gamma))) {
    throw new InvalidOptionError('gamma', gamma, "'auto', 'scale' or a finite number > 0");
  }
  return {
    contamination: contaminationOption(options.contamination),
    kernel: choiceOption('kernel', withDefault<unknown>(options.kernel, 'rbf'), ['rbf'] as const),
    nu: numberOption('nu', withDefault(options.nu, 0.5), { low: 0, high: 1, lowOpen: true }),
    gamma,
    tol: numberOption('tol', withDefault(options.tol, 1e-3), { low: 0, lowOpen: true }),
    shrinking: booleanOption('shrinking', withDefault(options.shrinking, true)),
  };
}

/** libsvm's training kernel exp(−γ(‖x_i‖² + ‖x_j‖² − 2x_i·x_j)), which it uses instead of the direct squared distance. */
function trainingKernel(X: Matrix, gamma: number): TrainingKernel {
  const d = X.cols;
  const data = X.data;
  const squares = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) squares[i] = dotRows(data, i * d, data, i * d, d);
  return {
    size: X.rows,
    value: (i, j) => exp(-gamma * (squares[i]! + squares[j]! - 2 * dotRows(data, i * d, data, j * d, d))),
  };
}

function dotRows(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, d: number): number {
  let sum = 0;
  for (let f = 0; f < d; f++) sum += a[aOffset + f]! * b[bOffset + f]!;
  return sum;
}

export class Ocsvm extends OutlierDetector<OcsvmParams> {
  readonly detectorName = 'ocsvm';
  readonly formatVersion = 1;
  private supportVectors: Matrix = { rows: 0, cols: 0, data: new Float64Array(0) };
  private coefficients: Float64Array = new Float64Array(0);
  private rho = 0;
  private gammaValue = 0;

  constructor(options: OcsvmOptions = {}) {
    super(resolveOcsvmOptions(options));
  }

  private resolveGamma(X: Matrix): number {
    const { gamma } = this.params;
    if (typeof gamma === 'number') return gamma;
    if (gamma === 'auto') return 1 / X.cols;
    const mu = mean(X.data);
    let variance = 0;
    for (const value of X.data) variance += (value - mu) * (value - mu);
    variance /= X.data.length;
    return variance === 0 ? 1 : 1 / (X.cols * variance);
  }

  protected fitScores(X: Matrix): Float64Array {
    this.gammaValue = this.resolveGamma(X);
    const solution = solveOneClass(trainingKernel(X, this.gammaValue), this.params.nu, this.params.tol, this.params.shrinking, CACHE_BYTES);

    const rows: number[] = [];
    solution.alpha.forEach((a, i) => {
      if (a > 0) rows.push(i);
    });
    const data = new Float64Array(rows.length * X.cols);
    rows.forEach((row, r) => data.set(X.data.subarray(row * X.cols, (row + 1) * X.cols), r * X.cols));
    this.supportVectors = { rows: rows.length, cols: X.cols, data };
    this.coefficients = Float64Array.from(rows, (row) => solution.alpha[row]!);
    this.rho = solution.rho;
    return this.scoreRows(X);
  }

  /** Scores with libsvm's prediction kernel, which sums squared differences directly. */
  protected scoreRows(X: Matrix): Float64Array {
    const d = X.cols;
    const sv = this.supportVectors;
    const scores = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let sum = 0;
      for (let s = 0; s < sv.rows; s++) {
        let squared = 0;
        for (let f = 0; f < d; f++) {
          const diff = X.data[i * d + f]! - sv.data[s * d + f]!;
          squared += diff * diff;
        }
        sum += this.coefficients[s]! * exp(-this.gammaValue * squared);
      }
      scores[i] = -(sum - this.rho);
    }
    return scores;
  }

  protected exportState(): StateValue {
    return { supportVectors: matrixState(this.supportVectors), coefficients: this.coefficients, rho: this.rho, gamma: this.gammaValue };
  }

  protected importState(state: StateValue): void {
    this.supportVectors = readMatrixState(state, 'supportVectors', this.detectorName);
    this.coefficients = readFloat64State(state, 'coefficients', this.detectorName);
    this.rho = readNumberState(state, 'rho', this.detectorName);
    this.gammaValue = readNumberState(state, 'gamma', this.detectorName);
  }
}
