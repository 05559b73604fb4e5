/**
 * Lloyd's k-means from given starting centres, following scikit-learn
 * 1.9.1's KMeans(algorithm='lloyd', n_init=1) iteration and stopping rules:
 * at most `maxIterations` rounds; stop when the labels no longer change, or
 * when the summed squared centre shift is at most tol·mean(per-feature
 * population variance). Without label convergence, the labels are recomputed
 * from the final centres. An empty cluster takes the row farthest from its
 * current centre.
 *
 * Rows are assigned by the direct squared Euclidean distance. scikit-learn
 * uses ‖c‖² − 2x·c on mean-centred data, so a row almost equidistant from two
 * centres (difference near 1e-15 relative) may be assigned differently.
 */
import type { Matrix } from './matrix';
import { squaredDistance } from './distance';

export interface KMeansResult {
  /** Row-major k×d centres. */
  centres: Matrix;
  labels: Int32Array;
}

/** Returns the index of the nearest centre of row i (the lowest index on ties) and the squared distance to it. */
export function nearestCentre(X: Matrix, i: number, centres: Matrix): [number, number] {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < centres.rows; c++) {
    const distance = squaredDistance(X, i, centres, c);
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return [best, bestDistance];
}

function assign(X: Matrix, centres: Matrix, labels: Int32Array, distances: Float64Array): void {
  for (let i = 0; i < X.rows; i++) {
    const [label, distance] = nearestCentre(X, i, centres);
    labels[i] = label;
    distances[i] = distance;
  }
}

function updateCentres(X: Matrix, labels: Int32Array, distances: Float64Array, k: number): Matrix {
  const d = X.cols;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < X.rows; i++) {
    const c = labels[i]!;
    counts[c]!++;
    for (let j = 0; j < d; j++) sums[c * d + j]! += X.data[i * d + j]!;
  }

  const empty = Array.from(counts.keys()).filter((c) => counts[c] === 0);
  const farthest = Array.from(distances.keys()).sort((a, b) => distances[b]! - distances[a]! || a - b);
  empty.forEach((c, e) => {
    const row = farthest[e]!;
    const previous = labels[row]!;
    counts[previous]!--;
    for (let j = 0; j < d; j++) {
      sums[previous * d + j]! -= X.data[row * d + j]!;
      sums[c * d + j] = X.data[row * d + j]!;
    }
    counts[c] = 1;
  });

  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) sums[c * d + j]! /= counts[c]!;
  }
  return { rows: k, cols: d, data: sums };
}

function tolerance(X: Matrix, relative: number): number {
  let total = 0;
  for (let j = 0; j < X.cols; j++) {
    let sum = 0;
    for (let i = 0; i < X.rows; i++) sum += X.data[i * X.cols + j]!;
    const mu = sum / X.rows;
    let squares = 0;
    for (let i = 0; i < X.rows; i++) squares += (X.data[i * X.cols + j]! - mu) ** 2;
    total += squares / X.rows;
  }
  return (total / X.cols) * relative;
}

/** Runs Lloyd's algorithm from `start` (k×d) with scikit-learn's defaults max_iter=300 and tol=1e-4. */
export function lloydKMeans(X: Matrix, start: Matrix, maxIterations = 300, relativeTolerance = 1e-4): KMeansResult {
  const k = start.rows;
  const tol = tolerance(X, relativeTolerance);
  let centres: Matrix = { rows: k, cols: X.cols, data: Float64Array.from(start.data) };
  const labels = new Int32Array(X.rows).fill(-1);
  const previous = new Int32Array(X.rows).fill(-1);
  const distances = new Float64Array(X.rows);
  let converged = false;

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    assign(X, centres, labels, distances);
    const next = updateCentres(X, labels, distances, k);
    let shift = 0;
    for (let m = 0; m < next.data.length; m++) shift += (next.data[m]! - centres.data[m]!) ** 2;
    centres = next;
    if (labels.every((label, i) => label === previous[i])) {
      converged = true;
      break;
    }
    if (shift <= tol) break;
    previous.set(labels);
  }
  if (!converged) assign(X, centres, labels, distances);
  return { centres, labels };
}
