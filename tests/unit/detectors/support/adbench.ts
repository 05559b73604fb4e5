/**
 * Loads an ADBench dataset and the train/test split recorded by
 * bench/reference/pyod_reference.py, scaled exactly as scikit-learn's
 * MinMaxScaler fitted on the training rows scales it (x·scale + min_, with
 * scale = 1/range and min_ = −min·scale), so the detectors see bit-identical
 * inputs to PyOD's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { matrixFromData, selectRows, type Matrix } from '../../../../detectors/outlier/matrix';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
export const DATASETS_DIR = join(REPO_ROOT, '..', 'shared', 'datasets', 'adbench');
export const FIXTURES_DIR = join(REPO_ROOT, 'tests', 'fixtures', 'pyod');

export const DATASET_NAMES = ['cardio', 'thyroid', 'breastw', 'pima', 'ionosphere', 'vowels', 'annthyroid', 'satellite'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export interface Dataset {
  features: Matrix;
  labels: Uint8Array;
}

export interface SplitDataset {
  train: Matrix;
  test: Matrix;
  trainLabels: Uint8Array;
  testLabels: Uint8Array;
}

/** Reads a dataset CSV: a header, feature columns, then the 0/1 label column. */
export function loadDataset(name: DatasetName): Dataset {
  const lines = readFileSync(join(DATASETS_DIR, `${name}.csv`), 'utf8').trim().split('\n').slice(1);
  const cols = lines[0]!.split(',').length - 1;
  const data = new Float64Array(lines.length * cols);
  const labels = new Uint8Array(lines.length);
  lines.forEach((line, i) => {
    const values = line.split(',');
    for (let j = 0; j < cols; j++) data[i * cols + j] = Number(values[j]);
    labels[i] = Number(values[cols]);
  });
  return { features: matrixFromData(data, lines.length, cols), labels };
}

/** Reads a JSON fixture under tests/fixtures/pyod. */
export function readFixture<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, ...parts), 'utf8')) as T;
}

/** Applies the recorded split and MinMaxScaler-style scaling fitted on the training rows. */
export function loadSplit(name: DatasetName): SplitDataset {
  const { features, labels } = loadDataset(name);
  const split = readFixture<{ train: number[]; test: number[] }>('splits', `${name}.json`);
  const rawTrain = selectRows(features, split.train);
  const rawTest = selectRows(features, split.test);
  const { scale, offset } = fitMinMax(rawTrain);
  return {
    train: applyMinMax(rawTrain, scale, offset),
    test: applyMinMax(rawTest, scale, offset),
    trainLabels: Uint8Array.from(split.train, (i) => labels[i]!),
    testLabels: Uint8Array.from(split.test, (i) => labels[i]!),
  };
}

function fitMinMax(X: Matrix): { scale: Float64Array; offset: Float64Array } {
  const scale = new Float64Array(X.cols);
  const offset = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < X.rows; i++) {
      low = Math.min(low, X.data[i * X.cols + j]!);
      high = Math.max(high, X.data[i * X.cols + j]!);
    }
    const range = high - low;
    // scikit-learn treats ranges below 10 machine epsilons as constant features.
    scale[j] = 1 / (range < 10 * Number.EPSILON ? 1 : range);
    offset[j] = 0 - low * scale[j]!;
  }
  return { scale, offset };
}

function applyMinMax(X: Matrix, scale: Float64Array, offset: Float64Array): Matrix {
  const data = new Float64Array(X.data.length);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) {
      data[i * X.cols + j] = X.data[i * X.cols + j]! * scale[j]! + offset[j]!;
    }
  }
  return matrixFromData(data, X.rows, X.cols);
}

/** Reads a fixture float that may be stored as "Infinity", "-Infinity" or "NaN". */
export function fixtureNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/** ROC-AUC with average ranks for ties (Mann–Whitney U / (positives · negatives)). */
export function rocAuc(labels: Uint8Array, scores: Float64Array): number {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPositives = 0;
  let positives = 0;
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let r = start; r < end; r++) {
      if (labels[order[r]!] === 1) {
        rankSumPositives += averageRank;
        positives++;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}
