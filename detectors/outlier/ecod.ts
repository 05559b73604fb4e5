/**
 * ECOD: Empirical-Cumulative-distribution-based Outlier Detection
 * (Li et al., 2022), following PyOD 3.6.5.
 *
 * Parameters: contamination only (number in (0, 0.5], default 0.1).
 *
 * Score of a row = Σ over features of max(−log ECDF_left, −log ECDF_right,
 * skew-chosen tail) where the skew-chosen tail is the left tail for a
 * negatively skewed feature, the right tail for a positively skewed one and
 * their sum when the skewness is 0 (see empirical-tails.ts). Higher = more
 * abnormal.
 *
 * `fit` stores a copy of the training matrix. Like PyOD, `decisionFunction`
 * stacks the training rows with the new batch and recomputes the ECDFs and
 * skewness on the union. A new row's score therefore depends on the other
 * rows of its batch, and scoring rows one at a time gives other values than
 * scoring them together.
 */
import type { BaseOptions } from './base-detector';
import { empiricalTailScores, skewTail, type TailScores } from './empirical-tails';
import type { Matrix } from './matrix';
import { TransductiveTailDetector } from './transductive-tail-detector';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { max } = Math;

export type EcodOptions = BaseOptions;

export class Ecod extends TransductiveTailDetector {
  readonly detectorName = 'ecod';
  readonly formatVersion = 1;

  constructor(options: EcodOptions = {}) {
    super(options);
  }

  protected combineTails(X: Matrix): Float64Array {
    return sumRows(X, empiricalTailScores(X), (left, right, sign) => max(left, right, skewTail(left, right, sign)));
  }
}

/** Sums a per-cell combination of the tail scores over the features of each row. */
export function sumRows(X: Matrix, tails: TailScores, combine: (left: number, right: number, sign: number) => number): Float64Array {
  const { rows, cols } = X;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const cell = i * cols + j;
      sum += combine(tails.left[cell]!, tails.right[cell]!, tails.skewSigns[j]!);
    }
    out[i] = sum;
  }
  return out;
}
