/**
 * FastMCD (Rousseeuw and Van Driessen, 1999): the raw Minimum Covariance
 * Determinant estimate, following the steps, subset sizes and stopping rules
 * of scikit-learn 1.9.1's fast_mcd and c_step.
 *
 * - h rows form the support: min(⌈(n + d + 1)/2⌉, n) by default.
 * - d = 1: the shortest half (exact, no randomness).
 * - n ≤ 500: 30 random h-subsets get two C-steps each. The 10 with the
 *   lowest log-determinant are refined by up to 30 C-steps, and the best wins.
 * - n > 500: the rows are shuffled into ⌊n/300⌋ subsets; each contributes its
 *   10 best of max(10, ⌊500/subsets⌋) two-step trials. These seed up to 30
 *   C-steps on min(1500, n) random rows; above 1500 rows the 10 best seed a
 *   final pass on all rows.
 *
 * Random subsets are drawn in scikit-learn's order from a numpy-compatible
 * RandomState (mt19937.ts), so a seed visits the same starts as
 * MinCovDet(random_state=seed).
 */
import { InvalidInputError } from './errors';
import { columnMeans, covariance, symmetricEigen } from './linear-algebra';
import { selectRows, type Matrix } from './matrix';
import type { NumpyRandomState } from './mt19937';

/** A location and covariance with the quantities the C-steps compare. */
export interface McdEstimate {
  location: Float64Array;
  /** Row-major d×d population covariance of the support rows. */
  covariance: Float64Array;
  /** log det(covariance), −Infinity for a singular covariance (like fast_logdet). */
  logDeterminant: number;
  /** Number of rows in the support. */
  supportSize: number;
  /** Squared Mahalanobis distance of every row (see cStep for which precision). */
  distances: Float64Array;
}

interface Start {
  location: Float64Array;
  covariance: Float64Array;
}

/** Computes the pseudo-inverse and log-determinant of a symmetric matrix, keeping eigenvalues with |λ| > d·ε·max|λ| like scipy's pinvh. */
export function pseudoInverse(matrix: Float64Array, d: number): { precision: Float64Array; logDeterminant: number } {
  const { values, vectors } = symmetricEigen(matrix, d);
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  const cutoff = d * Number.EPSILON * largest;

  const precision = new Float64Array(d * d);
  let logDeterminant = 0;
  for (let k = 0; k < d; k++) {
    const value = values[k]!;
    logDeterminant = value > 0 && logDeterminant > -Infinity ? logDeterminant + Math.log(value) : -Infinity;
    if (Math.abs(value) <= cutoff) continue;
    for (let a = 0; a < d; a++) {
      const scaled = vectors[k * d + a]! / value;
      for (let b = 0; b < d; b++) precision[a * d + b]! += scaled * vectors[k * d + b]!;
    }
  }
  return { precision, logDeterminant };
}

/**
 * Computes the squared Mahalanobis distance (x − μ)ᵀ P (x − μ) of every row of X for a
 * symmetric P, summed as Σ_a c_a (P_aa c_a + 2 Σ_{b>a} P_ab c_b) to halve the
 * work. It differs from numpy's (X − μ)·P ⊙ (X − μ) only by rounding.
 */
export function mahalanobisRows(X: Matrix, location: Float64Array, precision: Float64Array): Float64Array {
  const d = X.cols;
  const data = X.data;
  const centred = new Float64Array(d);
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) centred[j] = data[base + j]! - location[j]!;
    let sum = 0;
    for (let a = 0; a < d; a++) {
      const row = a * d;
      let off = 0;
      for (let b = a + 1; b < d; b++) off += precision[row + b]! * centred[b]!;
      sum += centred[a]! * (precision[row + a]! * centred[a]! + 2 * off);
    }
    out[i] = sum;
  }
  return out;
}

/** Returns the indices of the h smallest distances. Equal distances keep the lower index first. */
function smallestIndices(distances: Float64Array, h: number): Int32Array {
  const order = Int32Array.from(distances.keys()).sort((a, b) => distances[a]! - distances[b]! || a - b);
  return order.slice(0, h);
}

interface SupportEstimate extends Start {
  logDeterminant: number;
  precision: Float64Array;
}

function estimateOn(X: Matrix, support: Int32Array): SupportEstimate {
  const rows = selectRows(X, support);
  const location = columnMeans(rows);
  const cov = covariance(rows, location, rows.rows);
  return { location, covariance: cov, ...pseudoInverse(cov, X.cols) };
}

function asEstimate(estimate: SupportEstimate, supportSize: number, distances: Float64Array): McdEstimate {
  const { location, covariance: cov, logDeterminant } = estimate;
  return { location, covariance: cov, logDeterminant, supportSize, distances };
}

// numpy.allclose(a, b) with its defaults rtol = 1e-5, atol = 1e-8.
function allClose(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}

/**
 * Runs C-steps from a random h-subset or from a start estimate until the
 * log-determinant stops decreasing or `maxSteps` run out. Like scikit-learn,
 * the returned distances use the new location with the precision of the
 * covariance before the last step, and a step that raised the determinant is
 * undone.
 */
function cStep(X: Matrix, h: number, start: Start | NumpyRandomState, maxSteps: number): McdEstimate {
  let precision: Float64Array = new Float64Array(0);
  let support: Int32Array;
  let distances: Float64Array = new Float64Array(X.rows).fill(Infinity);
  if ('location' in start) {
    precision = pseudoInverse(start.covariance, X.cols).precision;
    distances = mahalanobisRows(X, start.location, precision);
    support = smallestIndices(distances, h);
  } else {
    support = start.permutation(X.rows).slice(0, h);
  }
  let current = estimateOn(X, support);
  if (current.logDeterminant === -Infinity) precision = current.precision;

  let previous = current;
  let previousDeterminant = Infinity;
  let remaining = maxSteps;
  while (current.logDeterminant < previousDeterminant && remaining > 0 && current.logDeterminant > -Infinity) {
    previous = current;
    previousDeterminant = current.logDeterminant;
    precision = current.precision;
    distances = mahalanobisRows(X, current.location, precision);
    current = estimateOn(X, smallestIndices(distances, h));
    remaining--;
  }

  const currentResult = asEstimate(current, h, mahalanobisRows(X, current.location, precision));
  const undo =
    current.logDeterminant > -Infinity &&
    remaining > 0 &&
    !allClose(current.logDeterminant, previousDeterminant) &&
    current.logDeterminant > previousDeterminant;
  return undo ? asEstimate(previous, h, distances) : currentResult;
}

/** Runs every start and returns the `select` estimates with the lowest log-determinant (stable order on ties). */
function selectCandidates(X: Matrix, h: number, starts: readonly (Start | NumpyRandomState)[], select: number, maxSteps: number): McdEstimate[] {
  const estimates = starts.map((start) => cStep(X, h, start, maxSteps));
  const order = Array.from(estimates.keys()).sort((a, b) => estimates[a]!.logDeterminant - estimates[b]!.logDeterminant || a - b);
  return order.slice(0, select).map((index) => estimates[index]!);
}

/** Returns scikit-learn's support size: min(⌈(n + d + 1)/2⌉, n) without a support fraction, else ⌊fraction·n⌋. */
export function mcdSupportSize(n: number, d: number, supportFraction: number | null): number {
  return supportFraction === null ? Math.min(Math.ceil(0.5 * (n + d + 1)), n) : Math.floor(supportFraction * n);
}

/** Returns the raw MCD estimate of X with a support of h rows. */
export function fastMcd(X: Matrix, h: number, random: NumpyRandomState): McdEstimate {
  const n = X.rows;
  if (X.cols === 1) return shortestHalf(X, h);
  if (n <= 500) {
    const best = selectCandidates(X, h, Array<NumpyRandomState>(30).fill(random), 10, 2);
    return selectCandidates(X, h, best, 1, 30)[0]!;
  }
  return fastMcdBySubsets(X, h, random);
}

function fastMcdBySubsets(X: Matrix, h: number, random: NumpyRandomState): McdEstimate {
  const n = X.rows;
  const subsetCount = Math.floor(n / 300);
  const subsetRows = Math.floor(n / subsetCount);
  const shuffle = random.permutation(n);
  const subsetSupport = Math.ceil(subsetRows * (h / n));
  const trials = Math.max(10, Math.floor(500 / subsetCount));

  const starts: McdEstimate[] = [];
  for (let s = 0; s < subsetCount; s++) {
    const subset = selectRows(X, shuffle.subarray(s * subsetRows, (s + 1) * subsetRows));
    starts.push(...selectCandidates(subset, subsetSupport, Array<NumpyRandomState>(trials).fill(random), 10, 2));
  }

  const mergedRows = Math.min(1500, n);
  const selection = random.permutation(n).slice(0, mergedRows);
  const merged = selectCandidates(selectRows(X, selection), Math.ceil(mergedRows * (h / n)), starts, n > 1500 ? 10 : 1, 30);
  if (n >= 1500) return selectCandidates(X, h, merged, 1, 30)[0]!;

  // Below 1500 rows the merged set is a permutation of all rows, so its distances are put back in row order.
  const best = merged[0]!;
  const distances = new Float64Array(n);
  selection.forEach((row, j) => (distances[row] = best.distances[j]!));
  return { ...best, distances };
}

/** One feature: the midpoint of the shortest interval holding h sorted values, as scikit-learn computes it. */
function shortestHalf(X: Matrix, h: number): McdEstimate {
  const n = X.rows;
  const values = X.data;
  let location: number;
  let support: Int32Array;
  if (h < n) {
    const sorted = Float64Array.from(values).sort();
    let shortest = Infinity;
    for (let i = 0; i + h < n; i++) shortest = Math.min(shortest, sorted[i + h]! - sorted[i]!);
    let sum = 0;
    let count = 0;
    for (let i = 0; i + h < n; i++) {
      if (sorted[i + h]! - sorted[i]! === shortest) {
        sum += sorted[i + h]! + sorted[i]!;
        count++;
      }
    }
    location = 0.5 * (sum / count);
    support = smallestIndices(values.map((v) => Math.abs(v - location)), h);
  } else {
    location = columnMeans(X)[0]!;
    support = Int32Array.from(values.keys());
  }
  const variance = covariance(selectRows(X, support), columnMeans(selectRows(X, support)), h)[0]!;
  if (variance === 0 && h < n) {
    throw new InvalidInputError('mcd support has zero variance: more than half of the rows share one value, so no robust scale exists');
  }
  const precision = variance > 0 ? 1 / variance : 0;
  const distances = values.map((v) => (v - location) * precision * (v - location));
  return { location: Float64Array.of(location), covariance: Float64Array.of(variance), logDeterminant: Math.log(variance), supportSize: h, distances };
}
