/**
 * Input and output shapes of the statement detectors. Amounts are integer
 * cents so that sums and ties are exact; the caller converts the stored
 * numeric(15,2) text once, before detection.
 */
import type { DocumentType, LineKind, Severity } from '../../domain/statements';

/** One line of a statement under check. */
export interface StatementLine {
  lineId: string;
  /** Yardi-style code such as "4010-0000"; null for lines printed without one. */
  accountCode: string | null;
  accountName: string;
  /** Integer cents; null (or ignored) on header lines, which carry no amount. */
  amountCents: number | null;
  lineKind: LineKind;
  /** assets, liabilities, equity, revenue, expense, below_noi, adjustments, cash_flow, … */
  section: string | null;
  /** Order on the statement; lines are read in ascending position. */
  position: number;
}

/** One statement of one property and period. */
export interface Statement {
  documentId: string;
  propertyId: string;
  documentType: DocumentType;
  /** ISO dates (YYYY-MM-DD). */
  periodStart: string;
  periodEnd: string;
  lines: StatementLine[];
}

export const ANOMALY_TYPES = [
  'balance_sheet_imbalance',
  'total_mismatch',
  'noi_mismatch',
  'net_income_mismatch',
  'earnings_tie_out',
  'sign_convention',
  'duplicate_line',
  'robust_zscore_outlier',
  'period_over_period_change',
  'year_over_year_change',
] as const;
export type AnomalyType = (typeof ANOMALY_TYPES)[number];

export const DETECTOR_NAMES = [
  'integrity.balance',
  'integrity.totals',
  'integrity.noi',
  'integrity.net_income',
  'integrity.earnings_tie_out',
  'integrity.sign',
  'integrity.duplicates',
  'history.robust_zscore',
  'history.period_over_period',
  'history.year_over_year',
] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

/** Plain JSON, so a finding can be stored in a jsonb column unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One suspected wrong figure. */
export interface Finding {
  detector: DetectorName;
  anomalyType: AnomalyType;
  severity: Severity;
  /** Higher is more abnormal; each detector documents its own scale. */
  score: number;
  lineId: string | null;
  accountCode: string | null;
  /** The statement's periodEnd. */
  period: string;
  actualCents: number;
  expectedCents: number | null;
  message: string;
  /** What was compared: the members, the history values, the thresholds. */
  details: { [key: string]: JsonValue };
}

/** A check that could not be run, with the reason (for example too short a history). */
export interface NotJudged {
  detector: DetectorName;
  accountCode: string | null;
  reason: string;
}

export interface DetectionRun {
  findings: Finding[];
  notJudged: NotJudged[];
}
