/**
 * Times fit + scoring of every detector on every ADBench dataset, ours against
 * PyOD 3.6.5's measured in the same run, and prints both ROC-AUCs, the time
 * ratio (ours / PyOD) and the median ratio per detector.
 *
 * Both sides use the split and scaling of bench/reference/pyod_reference.py
 * and keep the fastest of REPEATS runs. PyOD runs in the virtual environment
 * made by bench/reference/setup.sh.
 *
 * OCSVM, COF, SOD, ABOD and SOS are timed on the first 1,000 training and 500
 * test rows of each split, like their parity fixtures.
 *
 * Usage: npm run bench:detectors [-- --repeats 3] [-- --detectors mcd,ocsvm]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { selectRows, type Matrix } from '../detectors/outlier/matrix';
import { createDetector } from '../detectors/outlier/registry';
import { DATASET_NAMES, loadSplit, rocAuc, type DatasetName } from '../tests/unit/detectors/support/adbench';

interface Case {
  /** Name in pyod_reference.py. */
  reference: string;
  detector: string;
  options: Record<string, unknown>;
}

const CASES: Case[] = [
  { reference: 'ecod', detector: 'ecod', options: {} },
  { reference: 'copod', detector: 'copod', options: {} },
  { reference: 'hbos', detector: 'hbos', options: {} },
  { reference: 'knn', detector: 'knn', options: {} },
  { reference: 'knn-mean', detector: 'knn', options: { method: 'mean' } },
  { reference: 'knn-median', detector: 'knn', options: { method: 'median' } },
  { reference: 'lof', detector: 'lof', options: {} },
  { reference: 'pca', detector: 'pca', options: {} },
  { reference: 'kde', detector: 'kde', options: {} },
  { reference: 'gmm', detector: 'gmm', options: {} },
  { reference: 'mad', detector: 'mad', options: {} },
  { reference: 'iforest', detector: 'iforest', options: {} },
  { reference: 'mcd', detector: 'mcd', options: {} },
  { reference: 'ocsvm', detector: 'ocsvm', options: {} },
  { reference: 'cblof', detector: 'cblof', options: {} },
  { reference: 'cof', detector: 'cof', options: {} },
  { reference: 'sod', detector: 'sod', options: {} },
  { reference: 'abod', detector: 'abod', options: {} },
  { reference: 'sos', detector: 'sos', options: {} },
  { reference: 'inne', detector: 'inne', options: {} },
  { reference: 'loda', detector: 'loda', options: {} },
  { reference: 'feature-bagging', detector: 'feature-bagging', options: {} },
];

/** Detectors timed on the first 1,000 training and 500 test rows, as pyod_reference.py's ROW_LIMITED. */
const ROW_LIMITED = new Set(['ocsvm', 'cof', 'sod', 'abod', 'sos']);
const TRAIN_ROW_LIMIT = 1000;
const TEST_ROW_LIMIT = 500;

interface Measurement {
  seconds: number;
  /** Test-split ROC-AUC; null when PyOD returned non-finite scores. */
  auc: number | null;
}

const REPO_ROOT = join(__dirname, '..');
const PYTHON = join(REPO_ROOT, 'bench', 'reference', '.venv', 'bin', 'python');
const SCRIPT = join(REPO_ROOT, 'bench', 'reference', 'pyod_reference.py');

function parseRepeats(argv: string[]): number {
  const index = argv.indexOf('--repeats');
  const value = index >= 0 ? Number(argv[index + 1]) : 3;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`invalid --repeats ${argv[index + 1]}: expected an integer >= 1`);
  }
  return value;
}

function parseDetectors(argv: string[]): Case[] {
  const index = argv.indexOf('--detectors');
  if (index < 0) return CASES;
  const names = (argv[index + 1] ?? '').split(',');
  const unknown = names.filter((name) => !CASES.some((c) => c.reference === name));
  if (unknown.length > 0) {
    throw new Error(`invalid --detectors ${unknown.join(',')}: expected names from ${CASES.map((c) => c.reference).join(', ')}`);
  }
  return CASES.filter((c) => names.includes(c.reference));
}

function firstRows(X: Matrix, limit: number): Matrix {
  return selectRows(X, Array.from({ length: Math.min(limit, X.rows) }, (_, i) => i));
}

function firstColumn(X: Matrix): Matrix {
  return { rows: X.rows, cols: 1, data: X.data.filter((_, k) => k % X.cols === 0) };
}

function measureOurs(benchCase: Case, dataset: DatasetName, repeats: number): Measurement {
  const split = loadSplit(dataset);
  const univariate = benchCase.detector === 'mad';
  const limited = ROW_LIMITED.has(benchCase.reference);
  let train = univariate ? firstColumn(split.train) : split.train;
  let test = univariate ? firstColumn(split.test) : split.test;
  if (limited) {
    train = firstRows(train, TRAIN_ROW_LIMIT);
    test = firstRows(test, TEST_ROW_LIMIT);
  }
  let best = Infinity;
  let scores: Float64Array = new Float64Array(0);
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    scores = createDetector(benchCase.detector, benchCase.options).fit(train).decisionFunction(test);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return { seconds: best, auc: rocAuc(split.testLabels.subarray(0, test.rows), scores) };
}

function measurePyod(cases: Case[], repeats: number): Map<string, Measurement> {
  if (!existsSync(PYTHON)) {
    throw new Error(`PyOD reference environment not found at ${PYTHON}: run bash bench/reference/setup.sh first`);
  }
  const detectors = cases.map((c) => c.reference).join(',');
  const result = spawnSync(PYTHON, [SCRIPT, 'timing', '--detectors', detectors, '--repeats', String(repeats)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`pyod_reference.py timing failed with exit code ${result.status}: ${result.stderr.slice(-2000)}`);
  }
  const out = new Map<string, Measurement>();
  for (const line of result.stdout.trim().split('\n')) {
    const row = JSON.parse(line) as { detector: string; dataset: string; seconds: number; auc: number | null };
    out.set(`${row.detector}/${row.dataset}`, { seconds: row.seconds, auc: row.auc });
  }
  return out;
}

function formatAuc(auc: number | null): string {
  return auc === null ? 'n/a' : auc.toFixed(4);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function main(): void {
  const repeats = parseRepeats(process.argv.slice(2));
  const cases = parseDetectors(process.argv.slice(2));
  console.log(`PyOD timing (${repeats} runs per pair, fastest kept)...`);
  const pyod = measurePyod(cases, repeats);

  console.log('| detector | dataset | ours s | PyOD s | ratio | ours AUC | PyOD AUC |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  const ratios = new Map<string, number[]>();
  for (const benchCase of cases) {
    for (const dataset of DATASET_NAMES) {
      const ours = measureOurs(benchCase, dataset, repeats);
      const theirs = pyod.get(`${benchCase.reference}/${dataset}`)!;
      const ratio = ours.seconds / theirs.seconds;
      ratios.set(benchCase.reference, [...(ratios.get(benchCase.reference) ?? []), ratio]);
      console.log(
        `| ${benchCase.reference} | ${dataset} | ${ours.seconds.toFixed(4)} | ${theirs.seconds.toFixed(4)} | ${ratio.toFixed(2)} | ${formatAuc(ours.auc)} | ${formatAuc(theirs.auc)} |`,
      );
    }
  }

  console.log('\n| detector | median ratio (ours / PyOD) | max ratio |');
  console.log('|---|---:|---:|');
  for (const [name, values] of ratios) {
    console.log(`| ${name} | ${median(values).toFixed(2)} | ${Math.max(...values).toFixed(2)} |`);
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
