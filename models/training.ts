/**
 * Trains the multivariate model of one scope: features of every training
 * statement, a robust scaler, the selected detector fitted on the scaled
 * rows, and the model key. Pure apart from hashing.
 */
import { createDetector } from '../detectors/outlier/registry';
import { matrixFromRows } from '../detectors/outlier/matrix';
import type { Statement } from '../detectors/statements';
import { buildFeatureSchema, featureRows } from './features';
import { modelVersionOf, type MultivariateModel } from './model-envelope';
import { modelKey } from './model-key';
import { fitRobustScaler, robustZ } from './robust-scaler';
import { selectDetector, type Selection } from './selection';
import { MIN_TRAINING_ROWS, type TrainingScope } from './training-scope';

export interface TrainingSet {
  scope: TrainingScope;
  /** Training statements, oldest first. */
  statements: Statement[];
  /** Document id → analyst label: 1 confirmed anomaly, 0 false positive or expected change. */
  labels: ReadonlyMap<string, 0 | 1>;
  /** Fingerprint of the exact lines and labels of `statements`. */
  fingerprint: string;
}

/** Agreement of the fitted detector's training labels with the analysts' labels. */
export interface LabelMetrics {
  accuracy: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface TrainingResult {
  model: MultivariateModel;
  selection: Selection;
  trainingSize: number;
  dateRange: { start: string; end: string };
  metrics: LabelMetrics | null;
}

export class InsufficientTrainingDataError extends Error {
  override readonly name = 'InsufficientTrainingDataError';
}

function labelMetrics(predicted: Uint8Array, labels: ReadonlyMap<number, 0 | 1>): LabelMetrics | null {
  if (labels.size === 0) return null;

  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let correct = 0;
  for (const [index, label] of labels) {
    const guess = predicted[index]!;
    if (guess === label) correct += 1;
    if (guess === 1 && label === 1) truePositives += 1;
    if (guess === 1 && label === 0) falsePositives += 1;
    if (guess === 0 && label === 1) falseNegatives += 1;
  }
  const precision = truePositives + falsePositives === 0 ? null : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? null : truePositives / (truePositives + falseNegatives);
  const f1 = precision === null || recall === null || precision + recall === 0 ? null : (2 * precision * recall) / (precision + recall);
  return { accuracy: correct / labels.size, precision, recall, f1 };
}

/** @throws InsufficientTrainingDataError below MIN_TRAINING_ROWS statements. */
export function trainModel(set: TrainingSet): TrainingResult {
  const { statements, scope } = set;
  if (statements.length < MIN_TRAINING_ROWS) {
    throw new InsufficientTrainingDataError(`scope has ${statements.length} statements: at least ${MIN_TRAINING_ROWS} are needed to train`);
  }

  const schema = buildFeatureSchema(scope.documentType, statements);
  const rows = featureRows(schema, statements);
  const scaler = fitRobustScaler(rows);
  const scaled = rows.map((row) => robustZ(scaler, row));
  const labels = new Map<number, 0 | 1>();
  statements.forEach((statement, index) => {
    const label = set.labels.get(statement.documentId);
    if (label !== undefined) labels.set(index, label);
  });

  const selection = selectDetector({ rows: scaled, timeSeries: scope.kind === 'property', labels });
  const detector = createDetector(selection.selected.detector, selection.selected.params).fit(matrixFromRows(scaled));
  const modelVersion = modelVersionOf(detector);
  const key = modelKey({ detector: detector.detectorName, params: { ...detector.params }, modelVersion, fingerprint: set.fingerprint });

  return {
    model: { modelKey: key, modelVersion, schema, scaler, detector },
    selection,
    trainingSize: statements.length,
    dateRange: { start: statements[0]!.periodStart, end: statements[statements.length - 1]!.periodEnd },
    metrics: labelMetrics(detector.labels, labels),
  };
}
