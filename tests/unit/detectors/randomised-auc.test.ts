/**
 * INNE, LODA and FeatureBagging draw from our own generator, so their scores
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
 */
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
};

const TABLE = Object.entries(DATASETS).flatMap(([detector, datasets]) => datasets.map((dataset) => ({ detector, dataset })));

test.each(TABLE)('$detector AUC on $dataset is near PyOD', ({ detector, dataset }) => {
  const data = loadSplit(dataset);
  const { aucs, mean: pyodMean } = reference.detectors[detector]![dataset]!;

  const ours = [0, 1, 2, 3, 4].map((seed) => {
    const model = createDetector(detector, { randomState: seed }).fit(data.train);
    return rocAuc(data.testLabels, model.decisionFunction(data.test));
  });
  const oursMean = ours.reduce((a, b) => a + b, 0) / ours.length;
  const tolerance = Math.max(0.01, 3 * Math.sqrt((sampleStd(aucs) ** 2 + sampleStd(ours) ** 2) / 5));
  expect(Math.abs(oursMean - pyodMean)).toBeLessThanOrEqual(tolerance);
});
