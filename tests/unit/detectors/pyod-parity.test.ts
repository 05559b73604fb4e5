/**
 * Parity with PyOD 3.6.5 on the ADBench datasets, using the fixtures written by
 * bench/reference/pyod_reference.py (same split and MinMax scaling).
 *
 * Tolerance: relative 1e-6 on every score and on the threshold (absolute
 * 1e-12 near zero), labels exact. Measured worst cases are far below it:
 * about 1e-10 for GMM (Cholesky versus scikit-learn's precision Cholesky),
 * 1e-8 for KNN 'mean' on cardio (scikit-learn's brute-force path computes
 * ‖x‖² + ‖y‖² − 2x·y), 1e-13 or less elsewhere.
 *
 * Known differences, asserted explicitly below:
 * - LOF on thyroid, breastw and annthyroid: duplicate rows tie at the k-th
 *   neighbour and scikit-learn breaks ties by its tree layout, so some rows get
 *   another neighbour set. Labels still match; scores are compared by ROC-AUC.
 * - PCA on cardio: PyOD divides by a zero explained-variance ratio and returns
 *   non-finite scores; ours leaves that axis out (see pca.ts).
 *
 * Runtime: all rows are used; the 36-feature satellite set dominates (about
 * 10 s on 2 cores for KNN, LOF and KDE together).
 */
import type { Matrix } from '../../../detectors/outlier/matrix';
import { createDetector } from '../../../detectors/outlier/registry';
import { DATASET_NAMES, fixtureNumber, loadSplit, readFixture, rocAuc, type DatasetName, type SplitDataset } from './support/adbench';

interface ScoreFixture {
  trainScores: (number | string)[];
  testScores: (number | string)[];
  threshold: number | string;
  trainLabels: number[];
  testLabels: number[];
}

const CASES: { fixture: string; detector: string; options: Record<string, unknown> }[] = [
  { fixture: 'ecod', detector: 'ecod', options: {} },
  { fixture: 'copod', detector: 'copod', options: {} },
  { fixture: 'hbos', detector: 'hbos', options: {} },
  { fixture: 'knn', detector: 'knn', options: {} },
  { fixture: 'knn-mean', detector: 'knn', options: { method: 'mean' } },
  { fixture: 'knn-median', detector: 'knn', options: { method: 'median' } },
  { fixture: 'lof', detector: 'lof', options: {} },
  { fixture: 'pca', detector: 'pca', options: {} },
  { fixture: 'kde', detector: 'kde', options: {} },
  { fixture: 'gmm', detector: 'gmm', options: {} },
  { fixture: 'mad', detector: 'mad', options: {} },
];

const TIED_NEIGHBOURS = new Set(['lof/thyroid', 'lof/breastw', 'lof/annthyroid']);
const NON_FINITE_IN_PYOD = new Set(['pca/cardio']);

const splits = new Map<DatasetName, SplitDataset>();
function split(name: DatasetName): SplitDataset {
  if (!splits.has(name)) splits.set(name, loadSplit(name));
  return splits.get(name)!;
}

function firstColumn(X: Matrix): Matrix {
  return { rows: X.rows, cols: 1, data: X.data.filter((_, k) => k % X.cols === 0) };
}

/** Returns the indices whose scores differ by more than the stated tolerance. */
function mismatches(actual: Float64Array, expected: (number | string)[]): number[] {
  const bad: number[] = [];
  actual.forEach((value, i) => {
    const reference = fixtureNumber(expected[i]!);
    if (!(Math.abs(value - reference) <= 1e-6 * Math.abs(reference) + 1e-12)) bad.push(i);
  });
  return bad;
}

describe.each(CASES)('$fixture parity with PyOD', ({ fixture, detector, options }) => {
  test.each(DATASET_NAMES.map((name) => [name]))('%s', (dataset) => {
    const key = `${fixture}/${dataset}`;
    const expected = readFixture<ScoreFixture>(fixture, `${dataset}.json`);
    const data = split(dataset);
    const train = detector === 'mad' ? firstColumn(data.train) : data.train;
    const test = detector === 'mad' ? firstColumn(data.test) : data.test;

    const model = createDetector(detector, options).fit(train);
    const testScores = model.decisionFunction(test);

    if (NON_FINITE_IN_PYOD.has(key)) {
      expect(expected.trainScores.some((v) => !Number.isFinite(fixtureNumber(v)))).toBe(true);
      expect(model.decisionScores.every(Number.isFinite)).toBe(true);
      return;
    }
    expect(Array.from(model.labels)).toEqual(expected.trainLabels);
    expect(Array.from(model.predict(test))).toEqual(expected.testLabels);

    if (TIED_NEIGHBOURS.has(key)) {
      const pyodAuc = rocAuc(data.testLabels, Float64Array.from(expected.testScores, fixtureNumber));
      expect(Math.abs(rocAuc(data.testLabels, testScores) - pyodAuc)).toBeLessThan(0.01);
      return;
    }
    expect(mismatches(model.decisionScores, expected.trainScores)).toEqual([]);
    expect(mismatches(testScores, expected.testScores)).toEqual([]);
    expect(model.threshold).toBeCloseTo(fixtureNumber(expected.threshold), 6);
  });
});
