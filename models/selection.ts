/**
 * Chooses the outlier detector for one training scope from the shape of its
 * data. The rules are ours. The size and dimensionality split follows the
 * tabular routing of PyOD 3.x's ADEngine (few features and under 5,000 rows:
 * proximity methods; more rows: tree and per-feature methods).
 *
 * 1. Pool by size: n ≥ 5,000 rows → iforest, ecod, hbos; d ≥ 20 features →
 *    ecod, hbos, pca; otherwise → knn, lof, ecod.
 * 2. Order within the pool, first rule that applies wins:
 *    - seasonal rows (mean lag-12 autocorrelation ≥ 0.5 over ≥ 24 rows) →
 *      knn first, because a peak month stays close to the same month of other
 *      years while a global density model flags every peak;
 *    - skewed features (mean |skewness| > 2) → ecod first, because its
 *      per-feature tail probabilities follow the skew;
 *    - under 30 rows → knn first, because LOF's local densities are noisy
 *      with so few neighbours.
 * 3. Analysts' labels (anomaly_feedback) override the order when there are
 *    at least MIN_LABELLED_ROWS labelled rows of both classes: the candidate
 *    with the best cross-validated ROC AUC on held-out labelled rows wins,
 *    ties going to the rule order.
 *
 * Pure and deterministic: every candidate is deterministic or seeded.
 */
import { createDetector } from '../detectors/outlier/registry';
import { matrixFromRows } from '../detectors/outlier/matrix';
import { mean, skewness } from '../detectors/outlier/statistics';

/** Share of training rows expected to be outliers; sets each detector's threshold. */
export const DEFAULT_CONTAMINATION = 0.05;

/** Labelled rows (with at least one of each class) needed before labels decide. */
export const MIN_LABELLED_ROWS = 4;

/** Bump whenever the rules below change: it is part of every training fingerprint. */
export const SELECTION_RULES_VERSION = 1;

const CV_FOLDS = 3;
const SEASON_LAG = 12;

export interface DataCharacteristics {
  rows: number;
  features: number;
  meanAbsSkewness: number;
  /** Mean lag-12 autocorrelation of the features; null when the rows are no single time series or are fewer than 24. */
  seasonality: number | null;
  labelledPositives: number;
  labelledNegatives: number;
}

export interface Candidate {
  detector: string;
  params: Record<string, unknown>;
  /** Cross-validated ROC AUC on held-out labelled rows; null without enough labels. */
  cvScore: number | null;
}

export interface Selection {
  characteristics: DataCharacteristics;
  candidates: Candidate[];
  selected: Candidate;
  reasoning: string;
}

export interface SelectionInput {
  /** Scaled training rows; for a single property, in period order. */
  rows: number[][];
  /** True when the rows are one property's statements in period order. */
  timeSeries: boolean;
  /** Row index → 1 (confirmed anomaly) or 0 (false positive or expected change). */
  labels: ReadonlyMap<number, 0 | 1>;
}

function column(rows: readonly number[][], j: number): number[] {
  return rows.map((row) => row[j]!);
}

function autocorrelation(values: number[], lag: number): number {
  const mu = mean(values);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i += 1) {
    denominator += (values[i]! - mu) ** 2;
    if (i >= lag) numerator += (values[i]! - mu) * (values[i - lag]! - mu);
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

export function describeData(input: SelectionInput): DataCharacteristics {
  const { rows } = input;
  const features = rows[0]?.length ?? 0;
  const columns = Array.from({ length: features }, (_, j) => column(rows, j));
  const seasonal = input.timeSeries && rows.length >= 2 * SEASON_LAG;
  const labels = [...input.labels.values()];

  return {
    rows: rows.length,
    features,
    meanAbsSkewness: features === 0 ? 0 : mean(columns.map((values) => Math.abs(skewness(values)))),
    seasonality: seasonal ? mean(columns.map((values) => autocorrelation(values, SEASON_LAG))) : null,
    labelledPositives: labels.filter((label) => label === 1).length,
    labelledNegatives: labels.filter((label) => label === 0).length,
  };
}

function paramsFor(detector: string, rows: number): Record<string, unknown> {
  const base = { contamination: DEFAULT_CONTAMINATION };
  if (detector === 'knn') return { ...base, nNeighbors: Math.max(1, Math.min(5, rows - 2)) };
  if (detector === 'lof') return { ...base, nNeighbors: Math.max(1, Math.min(20, rows - 1)) };
  if (detector === 'iforest') return { ...base, randomState: 0 };
  return base;
}

/** Applies rules 1 and 2; returns the ordered pool and why. */
function orderPool(data: DataCharacteristics): { pool: string[]; reasons: string[] } {
  if (data.rows >= 5000) return { pool: ['iforest', 'ecod', 'hbos'], reasons: [`${data.rows} rows (≥ 5000): tree and per-feature detectors scale`] };
  if (data.features >= 20) return { pool: ['ecod', 'hbos', 'pca'], reasons: [`${data.features} features (≥ 20): per-feature and linear detectors`] };

  const pool = ['knn', 'lof', 'ecod'];
  const reasons = [`${data.rows} rows and ${data.features} features: proximity detectors first`];
  const first = (name: string, reason: string): { pool: string[]; reasons: string[] } => ({ pool: [name, ...pool.filter((other) => other !== name)], reasons: [...reasons, reason] });

  if (data.seasonality !== null && data.seasonality >= 0.5) return first('knn', `seasonal (lag-12 autocorrelation ${data.seasonality.toFixed(2)}): knn keeps peak months near their own season`);
  if (data.meanAbsSkewness > 2) return first('ecod', `skewed (mean |skewness| ${data.meanAbsSkewness.toFixed(2)}): ecod's tails follow the skew`);
  if (data.rows < 30) return first('knn', `${data.rows} rows (< 30): knn is steadier than LOF with few neighbours`);
  return { pool, reasons };
}

/** ROC AUC by the Mann–Whitney statistic, ties counting one half; null without both classes. */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1)[]): number | null {
  const positives = scores.filter((_, i) => labels[i] === 1);
  const negatives = scores.filter((_, i) => labels[i] === 0);
  if (positives.length === 0 || negatives.length === 0) return null;

  let wins = 0;
  for (const positive of positives) {
    for (const negative of negatives) {
      if (positive > negative) wins += 1;
      else if (positive === negative) wins += 0.5;
    }
  }
  return wins / (positives.length * negatives.length);
}

/**
 * Cross-validates one candidate: labelled rows are dealt round-robin into
 * folds; each fold is scored by a detector fitted on all other rows. Returns
 * null when a fold cannot be fitted.
 */
function crossValidate(candidate: Omit<Candidate, 'cvScore'>, input: SelectionInput): number | null {
  const labelled = [...input.labels.entries()].sort(([a], [b]) => a - b);
  const scores: number[] = [];
  const truth: (0 | 1)[] = [];

  for (let fold = 0; fold < CV_FOLDS; fold += 1) {
    const heldOut = labelled.filter((_, i) => i % CV_FOLDS === fold);
    if (heldOut.length === 0) continue;
    const heldIndexes = new Set(heldOut.map(([index]) => index));
    const training = input.rows.filter((_, i) => !heldIndexes.has(i));
    try {
      const detector = createDetector(candidate.detector, paramsFor(candidate.detector, training.length)).fit(matrixFromRows(training));
      scores.push(...detector.decisionFunction(matrixFromRows(heldOut.map(([index]) => input.rows[index]!))));
      truth.push(...heldOut.map(([, label]) => label));
    } catch {
      return null;
    }
  }
  return rocAuc(scores, truth);
}

/** Chooses the detector for the scope's rows by the rules above. */
export function selectDetector(input: SelectionInput): Selection {
  const characteristics = describeData(input);
  const { pool, reasons } = orderPool(characteristics);
  const useLabels = characteristics.labelledPositives > 0 && characteristics.labelledNegatives > 0 && input.labels.size >= MIN_LABELLED_ROWS;

  const candidates: Candidate[] = pool.map((detector) => {
    const params = paramsFor(detector, characteristics.rows);
    return { detector, params, cvScore: useLabels ? crossValidate({ detector, params }, input) : null };
  });

  let selected = candidates[0]!;
  if (useLabels) {
    for (const candidate of candidates) if ((candidate.cvScore ?? -1) > (selected.cvScore ?? -1)) selected = candidate;
    reasons.push(`labels (${characteristics.labelledPositives} confirmed, ${characteristics.labelledNegatives} rejected): best cross-validated AUC ${selected.cvScore?.toFixed(3) ?? 'n/a'}`);
  } else {
    reasons.push(`fewer than ${MIN_LABELLED_ROWS} labelled rows of both classes: rule order decides`);
  }
  return { characteristics, candidates, selected, reasoning: `${reasons.join('; ')}; selected ${selected.detector}` };
}
