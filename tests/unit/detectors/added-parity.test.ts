/**
 * Parity of OCSVM, CBLOF, COF, SOD, ABOD and SOS with PyOD 3.6.5, using the
 * fixtures of `pyod_reference.py fixtures --detectors ...` (same split and
 * MinMax scaling as the other parity tests).
 *
 * Rows: OCSVM, COF, SOD, ABOD and SOS cost O(n²), so the fixtures and this
 * test use the first 1,000 training rows and the first 500 test rows of each
 * split (TRAIN_ROW_LIMIT and TEST_ROW_LIMIT in the script). SOS is checked on
 * pima and ionosphere only, because its entropy bisection takes about 5 s per
 * 1,000-row batch on 2 shared cores. A one-off run on the other six gave worst
 * relative differences of 1e-6 on thyroid and 4e-12 on the rest.
 *
 * Tolerance: relative 1e-6 on scores and threshold, labels exact. Measured
 * worst cases: 2e-10 for OCSVM (our SMO follows libsvm's iterates, and libsvm
 * computes its dot products with BLAS), 1e-13 or less elsewhere.
 *
 * Known differences, compared by test ROC-AUC instead (within 0.01 unless
 * listed): neighbour ties on datasets with duplicate rows. Our neighbour
 * search breaks ties by the lower row index, numpy's argsort and
 * scikit-learn's trees by their own order, so tied rows get other neighbours.
 * CBLOF on breastw: its integer-valued features put many rows at exactly the
 * same distance from two centres, and scikit-learn's ‖c‖² − 2x·c rounding
 * assigns them differently. COF on breastw needs 0.03: 0.4390 against
 * 0.4127, because about half of its rows have duplicates and COF's ratio
 * turns ties into 0/0 or x/0.
 */
import { selectRows, type Matrix } from '../../../detectors/outlier/matrix';
import { createDetector } from '../../../detectors/outlier/registry';
import { fixtureNumber, loadSplit, readFixture, rocAuc, type DatasetName, type SplitDataset } from './support/adbench';
import { scoreMismatches, type ScoreFixture } from './support/parity';

const ALL: DatasetName[] = ['cardio', 'thyroid', 'breastw', 'pima', 'ionosphere', 'vowels', 'annthyroid', 'satellite'];
const ROW_LIMITED = new Set(['ocsvm', 'cof', 'sod', 'abod', 'sos']);
const TRAIN_ROW_LIMIT = 1000;
const TEST_ROW_LIMIT = 500;

const CASES: { detector: string; datasets: DatasetName[]; ties: Partial<Record<DatasetName, number>> }[] = [
  { detector: 'ocsvm', datasets: ALL, ties: {} },
  { detector: 'cblof', datasets: ALL, ties: { breastw: 0.01 } },
  { detector: 'cof', datasets: ALL, ties: { thyroid: 0.01, breastw: 0.03, ionosphere: 0.01, annthyroid: 0.01 } },
  { detector: 'sod', datasets: ALL, ties: { thyroid: 0.01, breastw: 0.01 } },
  { detector: 'abod', datasets: ALL, ties: { thyroid: 0.01, breastw: 0.01 } },
  { detector: 'sos', datasets: ['pima', 'ionosphere'], ties: {} },
];

const splits = new Map<DatasetName, SplitDataset>();
function split(name: DatasetName): SplitDataset {
  if (!splits.has(name)) splits.set(name, loadSplit(name));
  return splits.get(name)!;
}

function firstRows(X: Matrix, limit: number): Matrix {
  return selectRows(X, Array.from({ length: Math.min(limit, X.rows) }, (_, i) => i));
}

const TABLE = CASES.flatMap(({ detector, datasets, ties }) => datasets.map((dataset) => ({ detector, dataset, tieTolerance: ties[dataset] })));

test.each(TABLE)('$detector on $dataset matches PyOD', ({ detector, dataset, tieTolerance }) => {
  const expected = readFixture<ScoreFixture>(detector, `${dataset}.json`);
  const data = split(dataset);
  const limited = ROW_LIMITED.has(detector);
  const train = limited ? firstRows(data.train, TRAIN_ROW_LIMIT) : data.train;
  const test = limited ? firstRows(data.test, TEST_ROW_LIMIT) : data.test;

  const model = createDetector(detector).fit(train);
  const testScores = model.decisionFunction(test);

  if (tieTolerance !== undefined) {
    const labels = data.testLabels.subarray(0, test.rows);
    const pyodAuc = rocAuc(labels, Float64Array.from(expected.testScores, fixtureNumber));
    expect(Math.abs(rocAuc(labels, testScores) - pyodAuc)).toBeLessThanOrEqual(tieTolerance);
    return;
  }
  expect(Array.from(model.labels)).toEqual(expected.trainLabels);
  expect(Array.from(model.predict(test))).toEqual(expected.testLabels);
  expect(scoreMismatches(model.decisionScores, expected.trainScores)).toEqual([]);
  expect(scoreMismatches(testScores, expected.testScores)).toEqual([]);
  expect(scoreMismatches(Float64Array.of(model.threshold), [fixtureNumber(expected.threshold)])).toEqual([]);
});
