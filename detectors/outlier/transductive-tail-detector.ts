/**
 * Shared fit and scoring for ECOD and COPOD: both keep the training matrix and
 * score a new batch by recomputing the per-feature ECDFs on the training rows
 * stacked with the batch, as PyOD does.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { ModelFormatError } from './errors';
import { matrixFromData, stackRows, type Matrix } from './matrix';
import { contaminationOption, rejectUnknownOptions } from './options';

export abstract class TransductiveTailDetector extends OutlierDetector<{ contamination: number }> {
  private training: Matrix | undefined;

  protected constructor(options: BaseOptions) {
    rejectUnknownOptions(new.target.name.toLowerCase(), options, ['contamination']);
    super({ contamination: contaminationOption(options.contamination) });
  }

  /** Returns the score of every row of X computed against X itself. */
  protected abstract combineTails(X: Matrix): Float64Array;

  protected fitScores(X: Matrix): Float64Array {
    this.training = { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) };
    return this.combineTails(this.training);
  }

  protected scoreRows(X: Matrix): Float64Array {
    const training = this.training!;
    const scores = this.combineTails(stackRows(training, X));
    return scores.slice(training.rows);
  }

  protected exportState(): StateValue {
    const training = this.training!;
    return { rows: training.rows, cols: training.cols, data: training.data };
  }

  protected importState(state: StateValue): void {
    const { rows, cols, data } = state as { rows?: unknown; cols?: unknown; data?: unknown };
    if (typeof rows !== 'number' || typeof cols !== 'number' || !(data instanceof Float64Array)) {
      throw new ModelFormatError(`${this.detectorName} state is malformed: expected rows, cols and a float64 data array`);
    }
    this.training = matrixFromData(data, rows, cols);
  }
}
