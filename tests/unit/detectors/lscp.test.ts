/**
 * LSCP's detector selection, checked against hand-computed histograms, and
 * its option checks. Its ROC-AUC against PyOD's is in randomised-auc.test.ts.
 */
import { InvalidOptionError } from '../../../detectors/outlier/errors';
import { competentDetectors, pearson } from '../../../detectors/outlier/lscp';
import { createDetector } from '../../../detectors/outlier/registry';

describe('competentDetectors', () => {
  test('picks the fullest bin', () => {
    // 4 bins over [0, 1] have edges 0, 0.25, 0.5, 0.75, 1; counts are 1, 0, 0, 3.
    expect(competentDetectors(Float64Array.from([0, 0.8, 0.9, 1]), 4)).toEqual([1, 2, 3]);
  });

  test('keeps every bin tied for the maximum', () => {
    // Edges 0, 0.5, 1: both bins hold one value.
    expect(competentDetectors(Float64Array.from([0, 1]), 2)).toEqual([0, 1]);
  });

  test('uses inclusive edges of the fullest bin', () => {
    // Edges 0, 0.5, 1 with counts 1, 2 (0.5 falls in the upper bin), so bin 1 gives 0.5 and 1.
    expect(competentDetectors(Float64Array.from([0, 0.5, 1]), 2)).toEqual([1, 2]);
  });

  test('lists a shared-edge value once per tied bin', () => {
    // Edges 0, 0.25, 0.5, 0.75, 1 with counts 1, 1, 0, 1: 0.25 is inside both [0, 0.25] and [0.25, 0.5].
    expect(competentDetectors(Float64Array.from([0, 0.25, 1]), 4)).toEqual([0, 1, 1, 2]);
  });

  test('widens equal values by 0.5', () => {
    // Range [0.5, 1.5] with one bin holding all three values.
    expect(competentDetectors(Float64Array.from([1, 1, 1]), 1)).toEqual([0, 1, 2]);
  });
});

describe('pearson', () => {
  test('pearson of a line is 1', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
  });

  test('pearson of a constant input is NaN', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});

describe('lscp options', () => {
  test('lscp rejects a one-detector list', () => {
    const create = (): unknown => createDetector('lscp', { detectorList: [{ detector: 'lof' }] });
    expect(create).toThrow(InvalidOptionError);
    expect(create).toThrow('expected an array of at least 2 { detector, options } entries');
  });

  test('lscp rejects an unknown base detector', () => {
    const create = (): unknown => createDetector('lscp', { detectorList: [{ detector: 'lof' }, { detector: 'nope' }] });
    expect(create).toThrow(InvalidOptionError);
    expect(create).toThrow('invalid option detector="nope"');
  });
});
