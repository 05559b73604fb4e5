/**
 * Tie tolerance and severity of integrity findings.
 *
 * Tolerance rule: a printed total of n terms may differ from the sum of its
 * terms by up to min(n × roundingCentsPerLine, maxRoundingCents) cents — one
 * cent of rounding per summed line, never more than a few cents in all
 * (defaults 1 and 5). A difference within that allowance is rounding, not a
 * finding.
 */
import type { Severity } from '../../domain/statements';
import type { ResolvedStatementOptions } from './options';

/** The rounding allowance, in cents, of a tie over `termCount` summed lines. */
export function roundingToleranceCents(termCount: number, options: ResolvedStatementOptions): number {
  return Math.min(Math.max(termCount, 1) * options.roundingCentsPerLine, options.maxRoundingCents);
}

export function tiesWithinTolerance(differenceCents: number, termCount: number, options: ResolvedStatementOptions): boolean {
  return Math.abs(differenceCents) <= roundingToleranceCents(termCount, options);
}

/**
 * Relative size of a discrepancy: |difference| / max(|actual|, |expected|, 1 cent).
 * Used as the score of integrity findings, so 1 means the difference is as large as the figures.
 */
export function relativeDiscrepancy(actualCents: number, expectedCents: number): number {
  const reference = Math.max(Math.abs(actualCents), Math.abs(expectedCents), 1);
  return Math.abs(actualCents - expectedCents) / reference;
}

/** Severity of a discrepancy by its relative size: < 0.1 % low, < 1 % medium, < 10 % high, otherwise critical. */
export function severityForRelativeDiscrepancy(relative: number): Severity {
  if (relative < 0.001) return 'low';
  if (relative < 0.01) return 'medium';
  if (relative < 0.1) return 'high';
  return 'critical';
}

/** Severity of a history score by how far it exceeds its threshold: < 2× low, < 5× medium, < 20× high, otherwise critical. */
export function severityForThresholdRatio(ratio: number): Severity {
  if (ratio < 2) return 'low';
  if (ratio < 5) return 'medium';
  if (ratio < 20) return 'high';
  return 'critical';
}

/** Formats integer cents as a signed amount with thousands separators ("-1,234.50"). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const units = Math.trunc(absolute / 100).toLocaleString('en-US');
  const fraction = String(absolute % 100).padStart(2, '0');
  return `${sign}${units}.${fraction}`;
}
