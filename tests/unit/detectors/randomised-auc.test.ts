/**
 * INNE, LODA, FeatureBagging and LSCP draw from our own generator, so their scores
 * cannot match PyOD's row by row. The test compares the test-split ROC-AUC
 * averaged over seeds 0–4 with PyOD's average over its seeds 0–4 (recorded in
 * randomised-auc.json by bench/reference/pyod_reference.py).
 *
 * Tolerance: 0.01, or 3 standard errors of the difference of the two
 * five-seed means, 3·√((s_PyOD² + s_ours²)/5), when that is larger. Both
 * sample standard deviations enter because the two generators scatter
 * differently: FeatureBagging on pima has s_PyOD = 0.002 but s_ours = 0.009,
 * which IForest's bound 3·s_PyOD·√(2/5) would ignore.
 *
 * Runtime: FeatureBagging on satellite is left out because its ten 36-feature
 * LOF fits take about 40 s for five seeds on 2 shared cores. A one-off run
 * gave 0.5703 against PyOD's 0.5683.
 *
 * LSCP is fitted on the first 1,000 training rows and scored on the first 500
 * test rows of each split, like PyOD's run (ROW_LIMITED in the reference
 * script), because it runs 20 subspace neighbour searches per scoring call.
 * breastw is left out because PyOD's LSCP raises there: numpy.histogram cannot
 * make 4 finite bins when a row's correlations are nearly equal.
 */
import { selectRows, type Matrix } from '../../../detectors/outlier/matrix';
import { createDetector } from '../../../detectors/outlier/registry';
import { DATASET_NAMES, loadSplit, readFixture, rocAuc, type DatasetName } from './support/adbench';

const reference = readFixture<{ detectors: Record<string, Record<string, { aucs: number[]; mean: number }>> }>('randomised-auc.json');

function sampleStd(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

const DATASETS: Record<string, readonly DatasetName[]> = {
  inne: DATASET_NAMES,
  loda: DATASET_NAMES,
  'feature-bagging': DATASET_NAMES.filter((name) => name !== 'satellite'),
  lscp: DATASET_NAMES.filter((name) => name !== 'breastw'),
};

/** Row limits per detector, matching the reference script's TRAIN_ROW_LIMIT and TEST_ROW_LIMIT. */
const ROW_LIMITS: Record<string, { train: number; test: number }> = { lscp: { train: 1000, test: 500 } };

function firstRows(X: Matrix, limit: number | undefined): Matrix {
  if (limit === undefined || X.rows <= limit) return X;
  return selectRows(X, Array.from({ length: limit }, (_, i) => i));
}

const TABLE = Object.entries(DATASETS).flatMap(([detector, datasets]) => datasets.map((dataset) => ({ detector, dataset })));

test.each(TABLE)('$detector AUC on $dataset is near PyOD', ({ detector, dataset }) => {
  const data = loadSplit(dataset);
  const limits = ROW_LIMITS[detector];
  const train = firstRows(data.train, limits?.train);
  const test = firstRows(data.test, limits?.test);
  const testLabels = data.testLabels.subarray(0, test.rows);
  const { aucs, mean: pyodMean } = reference.detectors[detector]![dataset]!;

  const ours = [0, 1, 2, 3, 4].map((seed) => {
    const model = createDetector(detector, { randomState: seed }).fit(train);
    return rocAuc(testLabels, model.decisionFunction(test));
  });
  const oursMean = ours.reduce((a, b) => a + b, 0) / ours.length;
  const tolerance = Math.max(0.01, 3 * Math.sqrt((sampleStd(aucs) ** 2 + sampleStd(ours) ** 2) / 5));
  expect(Math.abs(oursMean - pyodMean)).toBeLessThanOrEqual(tolerance);
});
