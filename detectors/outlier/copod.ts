/**
 * COPOD: Copula-Based Outlier Detection (Li et al., 2020), following PyOD 3.6.5.
 *
 * Parameters: contamination only (number in (0, 0.5], default 0.1).
 *
 * Score of a row = Σ over features of max(skew-chosen tail, (−log ECDF_left
 * − log ECDF_right)/2), with the tails of empirical-tails.ts. Higher = more
 * abnormal.
 *
 * `fit` stores a copy of the training matrix. Like PyOD, `decisionFunction`
 * recomputes the ECDFs on the training rows stacked with the new batch, so a
 * new row's score depends on the other rows scored with it.
 */
import type { BaseOptions } from './base-detector';
import { sumRows } from './ecod';
import { empiricalTailScores, skewTail } from './empirical-tails';
import type { Matrix } from './matrix';
import { TransductiveTailDetector } from './transductive-tail-detector';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { max } = Math;

export type CopodOptions = BaseOptions;

export class Copod extends TransductiveTailDetector {
  readonly detectorName = 'copod';
  readonly formatVersion = 1;

  constructor(options: CopodOptions = {}) {
    super(options);
  }

  protected combineTails(X: Matrix): Float64Array {
    return sumRows(X, empiricalTailScores(X), (left, right, sign) => max(skewTail(left, right, sign), (left + right) / 2));
  }
}
