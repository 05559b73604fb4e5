/**
 * Per-feature empirical tail probabilities shared by ECOD and COPOD, computed
 * the way PyOD 3.6.5's `column_ecdf` does.
 *
 * For a column of n values, ECDF(x) = p(#{values ≤ x}) where p(c) is the c-th
 * element of numpy.linspace(1/n, 1, n), i.e. (c − 1)·((1 − 1/n)/(n − 1)) + 1/n,
 * and exactly 1 for c = n; this equals c/n up to rounding. The left-tail score
 * is −log ECDF(x), the right-tail score −log of the same rule applied to −X,
 * which counts #{values ≥ x}.
 */
import type { Matrix } from './matrix';
import { skewness } from './statistics';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { log, sign } = Math;

export interface TailScores {
  /** Row-major −log of the left-tail ECDF. */
  readonly left: Float64Array;
  /** Row-major −log of the right-tail ECDF. */
  readonly right: Float64Array;
  /**
   * Sign of each column's biased skewness: 1, −1 or 0. A constant column gets
   * 0 where scipy's skew returns NaN, which makes PyOD's whole score NaN.
   */
  readonly skewSigns: Int8Array;
}

/** Computes the tail scores of every value of `X` against its own column. */
export function empiricalTailScores(X: Matrix): TailScores {
  const { rows, cols, data } = X;
  const left = new Float64Array(rows * cols);
  const right = new Float64Array(rows * cols);
  const skewSigns = new Int8Array(cols);
  const values = new Float64Array(rows);
  const order = new Int32Array(rows);
  const probability = linspaceProbabilities(rows);

  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      values[i] = data[i * cols + j]!;
      order[i] = i;
    }
    order.sort((a, b) => values[a]! - values[b]!);
    fillColumnTails(values, order, probability, j, cols, left, right);
    skewSigns[j] = sign(skewness(values));
  }
  return { left, right, skewSigns };
}

// Walks groups of equal values in ascending order: a group starting at sorted
// position s and ending before e has e values ≤ it and rows − s values ≥ it.
function fillColumnTails(
  values: Float64Array,
  order: Int32Array,
  probability: Float64Array,
  j: number,
  cols: number,
  left: Float64Array,
  right: Float64Array,
): void {
  const rows = values.length;
  let start = 0;
  while (start < rows) {
    let end = start + 1;
    while (end < rows && values[order[end]!] === values[order[start]!]) {
      end++;
    }
    const leftScore = -log(probability[end - 1]!);
    const rightScore = -log(probability[rows - start - 1]!);
    for (let s = start; s < end; s++) {
      const cell = order[s]! * cols + j;
      left[cell] = leftScore;
      right[cell] = rightScore;
    }
    start = end;
  }
}

/** Returns numpy.linspace(1/n, 1, n) with numpy's arithmetic. */
export function linspaceProbabilities(n: number): Float64Array {
  const out = new Float64Array(n);
  const start = 1 / n;
  const step = (1 - start) / (n - 1);
  for (let i = 0; i < n; i++) {
    out[i] = i * step + start;
  }
  out[n - 1] = 1;
  return out;
}

/** PyOD's skew-chosen tail: the left tail for negative skew, the right for positive, their sum for zero. */
export function skewTail(left: number, right: number, sign: number): number {
  if (sign < 0) return left;
  if (sign > 0) return right;
  return left + right;
}
