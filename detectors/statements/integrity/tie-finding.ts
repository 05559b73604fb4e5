/** Builds the finding of a printed line that does not equal the figure computed from other lines. */
import type { ResolvedStatementOptions } from '../options';
import type { AmountLine } from '../statement-input';
import { formatCents, relativeDiscrepancy, roundingToleranceCents, severityForRelativeDiscrepancy, tiesWithinTolerance } from '../tolerance';
import type { AnomalyType, DetectorName, Finding, JsonValue, Statement } from '../types';

export interface TieCheck {
  detector: DetectorName;
  anomalyType: AnomalyType;
  statement: Statement;
  line: AmountLine;
  expectedCents: number;
  /** Printed lines the expected figure is built from; sets the rounding tolerance. */
  termCount: number;
  /** How the expected figure was computed, for the message ("total income − total expenses"). */
  formula: string;
  details: { [key: string]: JsonValue };
}

/** Returns a finding when the line misses the expected figure by more than the rounding tolerance, else null. */
export function checkTie(check: TieCheck, options: ResolvedStatementOptions): Finding | null {
  const { line, expectedCents, termCount } = check;
  const differenceCents = line.amountCents - expectedCents;
  if (tiesWithinTolerance(differenceCents, termCount, options)) return null;

  const relative = relativeDiscrepancy(line.amountCents, expectedCents);
  return {
    detector: check.detector,
    anomalyType: check.anomalyType,
    severity: severityForRelativeDiscrepancy(relative),
    score: relative,
    lineId: line.lineId,
    accountCode: line.accountCode,
    period: check.statement.periodEnd,
    actualCents: line.amountCents,
    expectedCents,
    message:
      `${line.accountName} is ${formatCents(line.amountCents)} but ${check.formula} gives ` +
      `${formatCents(expectedCents)} (difference ${formatCents(differenceCents)}).`,
    details: { ...check.details, differenceCents, toleranceCents: roundingToleranceCents(termCount, options) },
  };
}
