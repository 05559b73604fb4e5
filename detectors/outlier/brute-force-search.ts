/**
 * Exact brute-force k-nearest-neighbour search for higher-dimensional data.
 *
 * Squared distances are first estimated for a block of query rows at once as
 * ‖q‖² + ‖t‖² − 2q·t, computing four dot products per pass over a training
 * row so each training value is loaded once for four queries. The estimates
 * only select candidates. Every training row whose estimate lies within twice
 * the rounding-error bound of the k-th smallest estimate is then measured
 * exactly, summing (q_f − t_f)² from the first feature to the last as
 * distance.ts does. Any row of the exact k nearest, including rows tied with
 * the k-th, passes that filter, so the result equals a plain scan to the last
 * bit, ties included.
 *
 * Error bound: by the standard forward-error bound for recursive summation, a
 * float64 dot product of length d is off by at most
 * γ_d·Σ|q_f·t_f| ≤ γ_d·(‖q‖² + ‖t‖²)/2 with γ_d ≈ d·2⁻⁵³. The norms and the
 * final sum add similar terms, so the code uses
 * 4·(d + 4)·2⁻⁵²·(‖q‖² + max‖t‖²), several times that bound.
 */
import type { Matrix } from './matrix';
import { NeighbourHeap } from './neighbour-heap';

/** Query rows estimated together; 32 rows × a few thousand training rows stay within a few MB. */
const QUERY_BLOCK = 32;

export class BruteForceSearch {
  private readonly norms: Float64Array;
  private readonly maxNorm: number;

  constructor(readonly training: Matrix) {
    this.norms = squaredNorms(training);
    this.maxNorm = this.norms.reduce((a, b) => Math.max(a, b), 0);
  }

  /**
   * Writes the k nearest training rows of every query row, ascending by
   * (distance, index), into `distances` and `indices`. With `excludeSelf`,
   * query row q skips training row q.
   */
  search(queries: Matrix, k: number, excludeSelf: boolean, distances: Float64Array, indices: Int32Array): void {
    const n = this.training.rows;
    const queryNorms = squaredNorms(queries);
    const estimates = new Float64Array(QUERY_BLOCK * n);
    const estimateHeap = new NeighbourHeap(k);
    const exactHeap = new NeighbourHeap(k);
    const errorScale = 4 * (queries.cols + 4) * Number.EPSILON;

    for (let first = 0; first < queries.rows; first += QUERY_BLOCK) {
      const count = Math.min(QUERY_BLOCK, queries.rows - first);
      this.estimateBlock(queries, queryNorms, first, count, estimates);

      for (let b = 0; b < count; b++) {
        const q = first + b;
        const skip = excludeSelf ? q : -1;
        const row = estimates.subarray(b * n, (b + 1) * n);

        estimateHeap.reset();
        for (let t = 0; t < n; t++) {
          if (t !== skip && row[t]! <= estimateHeap.bound()) estimateHeap.push(row[t]!, t);
        }
        const limit = estimateHeap.bound() + 2 * errorScale * (queryNorms[q]! + this.maxNorm);

        exactHeap.reset();
        for (let t = 0; t < n; t++) {
          if (t !== skip && row[t]! <= limit) exactHeap.push(exactSquaredDistance(queries, q, this.training, t), t);
        }
        exactHeap.drainSorted(distances, indices, q * k);
      }
    }
  }

  // Stores ‖q‖² + ‖t‖² − 2·dot for query rows first+b .. first+b+3 against training row t.
  private storeFour(estimates: Float64Array, queryNorms: Float64Array, first: number, b: number, n: number, t: number, s0: number, s1: number, s2: number, s3: number): void {
    const nt = this.norms[t]!;
    estimates[b * n + t] = queryNorms[first + b]! + nt - 2 * s0;
    estimates[(b + 1) * n + t] = queryNorms[first + b + 1]! + nt - 2 * s1;
    estimates[(b + 2) * n + t] = queryNorms[first + b + 2]! + nt - 2 * s2;
    estimates[(b + 3) * n + t] = queryNorms[first + b + 3]! + nt - 2 * s3;
  }

  // Fills estimates[b·n + t] for query rows first..first+count−1, four query rows per pass over each training row.
  private estimateBlock(queries: Matrix, queryNorms: Float64Array, first: number, count: number, estimates: Float64Array): void {
    const { rows: n, cols: d, data: train } = this.training;
    const query = queries.data;
    let b = 0;
    for (; b + 4 <= count; b += 4) {
      const o0 = (first + b) * d;
      const o1 = o0 + d;
      const o2 = o1 + d;
      const o3 = o2 + d;
      let t = 0;
      // Two training rows per pass as well, so eight sums share six loads.
      for (; t + 2 <= n; t += 2) {
        const ot = t * d;
        const ou = ot + d;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let u0 = 0;
        let u1 = 0;
        let u2 = 0;
        let u3 = 0;
        for (let f = 0; f < d; f++) {
          const v = train[ot + f]!;
          const w = train[ou + f]!;
          const q0 = query[o0 + f]!;
          const q1 = query[o1 + f]!;
          const q2 = query[o2 + f]!;
          const q3 = query[o3 + f]!;
          s0 += q0 * v;
          s1 += q1 * v;
          s2 += q2 * v;
          s3 += q3 * v;
          u0 += q0 * w;
          u1 += q1 * w;
          u2 += q2 * w;
          u3 += q3 * w;
        }
        this.storeFour(estimates, queryNorms, first, b, n, t, s0, s1, s2, s3);
        this.storeFour(estimates, queryNorms, first, b, n, t + 1, u0, u1, u2, u3);
      }
      for (; t < n; t++) {
        const ot = t * d;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let f = 0; f < d; f++) {
          const v = train[ot + f]!;
          s0 += query[o0 + f]! * v;
          s1 += query[o1 + f]! * v;
          s2 += query[o2 + f]! * v;
          s3 += query[o3 + f]! * v;
        }
        this.storeFour(estimates, queryNorms, first, b, n, t, s0, s1, s2, s3);
      }
    }
    for (; b < count; b++) {
      const oq = (first + b) * d;
      for (let t = 0; t < n; t++) {
        const ot = t * d;
        let s = 0;
        for (let f = 0; f < d; f++) s += query[oq + f]! * train[ot + f]!;
        estimates[b * n + t] = queryNorms[first + b]! + this.norms[t]! - 2 * s;
      }
    }
  }
}

function squaredNorms(X: Matrix): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let sum = 0;
    for (let f = 0; f < X.cols; f++) sum += X.data[i * X.cols + f]! ** 2;
    out[i] = sum;
  }
  return out;
}

// Same summation order as distance.ts's squaredDistance, repeated here so the hot loop avoids a call per candidate.
function exactSquaredDistance(a: Matrix, i: number, b: Matrix, j: number): number {
  const cols = a.cols;
  const ad = a.data;
  const bd = b.data;
  let sum = 0;
  for (let f = 0; f < cols; f++) {
    const diff = ad[i * cols + f]! - bd[j * cols + f]!;
    sum += diff * diff;
  }
  return sum;
}
