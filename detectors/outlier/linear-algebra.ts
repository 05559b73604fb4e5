/**
 * Dense linear-algebra helpers on row-major Float64Arrays. Decompositions are
 * delegated to ml-matrix; this file converts to and from its Matrix type and
 * states the exact definitions used.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';

import { InvalidInputError } from './errors';
import type { Matrix } from './matrix';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { abs, log } = Math;

/** Column means, each summed from the first row to the last. */
export function columnMeans(X: Matrix): Float64Array {
  const means = new Float64Array(X.cols);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) means[j]! += X.data[i * X.cols + j]!;
  }
  return means.map((sum) => sum / X.rows);
}

/** Covariance Σ (x − μ)(x − μ)ᵀ / divisor as a d×d row-major array, e.g. divisor n − 1 for the sample covariance. */
export function covariance(X: Matrix, means: Float64Array, divisor: number): Float64Array {
  const d = X.cols;
  const out = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < d; j++) centred[j] = X.data[i * d + j]! - means[j]!;
    for (let a = 0; a < d; a++) {
      const ca = centred[a]!;
      for (let b = a; b < d; b++) out[a * d + b]! += ca * centred[b]!;
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      out[a * d + b]! /= divisor;
      out[b * d + a] = out[a * d + b]!;
    }
  }
  return out;
}

function toMlMatrix(values: Float64Array, d: number): MlMatrix {
  const rows: number[][] = [];
  for (let i = 0; i < d; i++) rows.push(Array.from(values.subarray(i * d, (i + 1) * d)));
  return new MlMatrix(rows);
}

export interface SymmetricEigen {
  /** Eigenvalues in descending order. */
  values: Float64Array;
  /** Row-major eigenvectors: row k belongs to values[k]. */
  vectors: Float64Array;
}

/**
 * Eigen-decomposes a symmetric d×d matrix. Eigenvectors are signed like
 * scikit-learn's svd_flip(u_based_decision=False): the entry with the largest
 * absolute value in each vector is positive.
 */
export function symmetricEigen(values: Float64Array, d: number): SymmetricEigen {
  const evd = new EigenvalueDecomposition(toMlMatrix(values, d), { assumeSymmetric: true });
  const eigenvalues = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = Array.from(eigenvalues.keys()).sort((a, b) => eigenvalues[b]! - eigenvalues[a]!);

  const outValues = new Float64Array(d);
  const outVectors = new Float64Array(d * d);
  order.forEach((source, k) => {
    outValues[k] = eigenvalues[source]!;
    let largest = 0;
    for (let j = 0; j < d; j++) {
      const v = vectors.get(j, source);
      if (abs(v) > abs(largest)) largest = v;
    }
    const sign = largest < 0 ? -1 : 1;
    for (let j = 0; j < d; j++) outVectors[k * d + j] = sign * vectors.get(j, source);
  });
  return { values: outValues, vectors: outVectors };
}

export interface Cholesky {
  /** Row-major lower-triangular L with A = L·Lᵀ. */
  lower: Float64Array;
  /** log det A = 2 Σ log L_ii. */
  logDeterminant: number;
}

/** Cholesky-factors a symmetric positive-definite d×d matrix; throws InvalidInputError otherwise. */
export function cholesky(values: Float64Array, d: number, description: string): Cholesky {
  const decomposition = new CholeskyDecomposition(toMlMatrix(values, d));
  if (!decomposition.isPositiveDefinite()) {
    throw new InvalidInputError(`${description} is not positive definite: the training data may have collinear or constant features`);
  }
  const L = decomposition.lowerTriangularMatrix;
  const lower = new Float64Array(d * d);
  let logDeterminant = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) lower[i * d + j] = L.get(i, j);
    logDeterminant += 2 * log(L.get(i, i));
  }
  return { lower, logDeterminant };
}

/** Returns ‖L⁻¹(x − μ)‖², the squared Mahalanobis distance for covariance L·Lᵀ, by forward substitution. */
export function mahalanobisSquared(lower: Float64Array, d: number, x: ArrayLike<number>, mu: ArrayLike<number>, work: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < d; i++) {
    let value = x[i]! - mu[i]!;
    for (let j = 0; j < i; j++) value -= lower[i * d + j]! * work[j]!;
    value /= lower[i * d + i]!;
    work[i] = value;
    sum += value * value;
  }
  return sum;
}
