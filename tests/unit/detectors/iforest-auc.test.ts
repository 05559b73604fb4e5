/**
 * IForest draws its trees from our own generator, so its scores cannot match
 * PyOD's row by row. The test compares test-split ROC-AUC averaged over seeds
 * 0–4 with PyOD's average over its seeds 0–4 (recorded by
 * bench/reference/pyod_reference.py).
 *
 * Tolerance: 0.01, or 3 standard errors of the difference of two five-seed
 * means, 3·s·√(2/5), when that is larger. Here s is the sample standard
 * deviation of PyOD's five AUCs. Vowels needs the wider bound because PyOD's
 * AUC there scatters with s ≈ 0.03 over 20 seeds.
 */
import { createDetector } from '../../../detectors/outlier/registry';
import { DATASET_NAMES, loadSplit, readFixture, rocAuc } from './support/adbench';

const reference = readFixture<{ datasets: Record<string, { aucs: number[]; mean: number }> }>('iforest-auc.json');

function sampleStd(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

test.each(DATASET_NAMES.map((name) => [name]))('iforest AUC on %s is within tolerance of PyOD', (dataset) => {
  const data = loadSplit(dataset);
  const { aucs, mean: pyodMean } = reference.datasets[dataset]!;
  const tolerance = Math.max(0.01, 3 * sampleStd(aucs) * Math.sqrt(2 / 5));

  let total = 0;
  for (const seed of [0, 1, 2, 3, 4]) {
    const model = createDetector('iforest', { randomState: seed }).fit(data.train);
    total += rocAuc(data.testLabels, model.decisionFunction(data.test));
  }
  expect(Math.abs(total / 5 - pyodMean)).toBeLessThanOrEqual(tolerance);
});

test('iforest with the same seed gives identical scores', () => {
  const data = loadSplit('pima');
  const first = createDetector('iforest', { randomState: 7 }).fit(data.train).decisionFunction(data.test);
  const second = createDetector('iforest', { randomState: 7 }).fit(data.train).decisionFunction(data.test);
  expect(second).toEqual(first);
});
