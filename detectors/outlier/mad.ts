/**
 * MAD: median absolute deviation detector for one feature (Iglewicz and
 * Hoaglin's modified z-score), following PyOD 3.6.5.
 *
 * Parameters:
 * - `threshold`: finite number, default 3.5. Unlike every other detector,
 *   MAD labels rows by this fixed score threshold, as PyOD does: `threshold`
 *   and `labels` ignore contamination.
 * - `contamination`: number in (0, 0.5], default 0.1; validated and used only
 *   by `predictConfidence`.
 *
 * `fit` needs a matrix with exactly one column and stores its median m and
 * the median absolute deviation s = median(|x − m|). Score of x =
 * 0.6745·|x − m| / s, higher = more abnormal. When s = 0, PyOD's
 * numpy.nan_to_num maps 0/0 to 0 and x/0 to the largest float64; this does
 * the same.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { InvalidInputError } from './errors';
import type { Matrix } from './matrix';
import { readNumberState } from './matrix-state';
import { contaminationOption, numberOption, rejectUnknownOptions, withDefault } from './options';
import { median } from './statistics';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { abs } = Math;

export interface MadOptions extends BaseOptions {
  threshold?: number;
}

interface MadParams {
  contamination: number;
  threshold: number;
}

export function resolveMadOptions(options: MadOptions): MadParams {
  rejectUnknownOptions('mad', options, ['contamination', 'threshold']);
  return {
    contamination: contaminationOption(options.contamination),
    threshold: numberOption('threshold', withDefault(options.threshold, 3.5)),
  };
}

export class Mad extends OutlierDetector<MadParams> {
  readonly detectorName = 'mad';
  readonly formatVersion = 1;
  private center = 0;
  private deviation = 0;

  constructor(options: MadOptions = {}) {
    super(resolveMadOptions(options));
  }

  protected override thresholdFor(): number {
    return this.params.threshold;
  }

  protected fitScores(X: Matrix): Float64Array {
    assertUnivariate(X);
    this.center = median(X.data);
    this.deviation = median(X.data.map((x) => abs(x - this.center)));
    return this.scoreRows(X);
  }

  protected scoreRows(X: Matrix): Float64Array {
    assertUnivariate(X);
    return X.data.map((x) => {
      const spread = 0.6745 * abs(x - this.center);
      if (this.deviation !== 0) return spread / this.deviation;
      return spread === 0 ? 0 : Number.MAX_VALUE;
    });
  }

  protected exportState(): StateValue {
    return { center: this.center, deviation: this.deviation };
  }

  protected importState(state: StateValue): void {
    this.center = readNumberState(state, 'center', 'mad');
    this.deviation = readNumberState(state, 'deviation', 'mad');
  }
}

function assertUnivariate(X: Matrix): void {
  if (X.cols !== 1) {
    throw new InvalidInputError(`mad takes one feature but X has ${X.cols} columns: pass a single-column matrix`);
  }
}
