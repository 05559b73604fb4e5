/**
 * MCD parity with PyOD 3.6.5 (scikit-learn 1.9.1 MinCovDet, random_state=0)
 * on every ADBench split, using the fixtures of
 * bench/reference/pyod_reference.py.
 *
 * Our FastMCD draws its subsets from a numpy-compatible RandomState, so it
 * visits the same starts and reaches the same support. Tolerance: relative
 * 1e-6 on scores and threshold, labels exact. Measured worst case: 2e-12
 * (thyroid), from eigen-decomposition versus LAPACK rounding.
 *
 * Runtime: all rows are used; satellite (4,504 × 36) takes about 11 s on 2
 * shared cores, the other seven about 5 s together.
 */
import { createDetector } from '../../../detectors/outlier/registry';
import { DATASET_NAMES, fixtureNumber, loadSplit, readFixture } from './support/adbench';
import { scoreMismatches, type ScoreFixture } from './support/parity';

test.each(DATASET_NAMES.map((name) => [name]))('mcd on %s matches PyOD', (dataset) => {
  const expected = readFixture<ScoreFixture>('mcd', `${dataset}.json`);
  const data = loadSplit(dataset);

  const model = createDetector('mcd', { randomState: 0 }).fit(data.train);
  const testScores = model.decisionFunction(data.test);

  expect(Array.from(model.labels)).toEqual(expected.trainLabels);
  expect(Array.from(model.predict(data.test))).toEqual(expected.testLabels);
  expect(scoreMismatches(model.decisionScores, expected.trainScores)).toEqual([]);
  expect(scoreMismatches(testScores, expected.testScores)).toEqual([]);
  expect(scoreMismatches(Float64Array.of(model.threshold), [fixtureNumber(expected.threshold)])).toEqual([]);
});
