/**
 * Labelled anomalies for the sample portfolio. Business events change the
 * property's books (statements still tie). Extraction errors change only
 * what the file shows for one line of one month, as a misread would.
 */
import type { DocumentType } from '../domain/statements';
import type { Random } from './random';

export const EXTRACTION_ERRORS = ['dropped_digit', 'extra_digit', 'transposed_digits', 'sign_flip', 'wrong_column', 'duplicated_line', 'subtotal_as_line'] as const;
export const BUSINESS_EVENTS = ['expense_spike', 'missed_accrual', 'unposted_year_end_close'] as const;
export type AnomalyKind = (typeof EXTRACTION_ERRORS)[number] | (typeof BUSINESS_EVENTS)[number];

export interface InjectedAnomaly {
  propertyCode: string;
  documentType: DocumentType;
  /** YYYY-MM. */
  period: string;
  accountCode: string;
  kind: AnomalyKind;
  category: 'extraction_error' | 'business_event';
  /** Two-place decimal strings. */
  originalAmount: string;
  injectedAmount: string;
}

/** One planned anomaly: which property (by index), which month (index into the series) and what. */
export interface AnomalyPlan {
  propertyIndex: number;
  monthIndex: number;
  kind: AnomalyKind;
}

/** Months before this index are never touched, so detectors have history to compare with. */
export const FIRST_ANOMALY_MONTH = 6;

/**
 * Plans `perKind` anomalies of every kind on distinct property-months, at
 * most one per document. Year-end closes go to a January after the first year.
 */
export function planAnomalies(random: Random, propertyCount: number, months: number, startMonth: number, perKind: number): AnomalyPlan[] {
  const used = new Set<string>();
  const plans: AnomalyPlan[] = [];
  for (const kind of [...EXTRACTION_ERRORS, ...BUSINESS_EVENTS]) {
    for (let count = 0; count < perKind; count += 1) {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const propertyIndex = random.int(0, propertyCount - 1);
        const monthIndex = kind === 'unposted_year_end_close' ? januaryAfterFirstYear(random, months, startMonth) : random.int(FIRST_ANOMALY_MONTH, months - 2);
        // missed_accrual also touches the next month (the catch-up), so both months are reserved.
        const keys = [`${propertyIndex}:${monthIndex}`, `${propertyIndex}:${monthIndex + 1}`];
        if (monthIndex < 0 || keys.some((key) => used.has(key))) continue;
        keys.forEach((key) => used.add(key));
        plans.push({ propertyIndex, monthIndex, kind });
        break;
      }
    }
  }
  return plans;
}

function januaryAfterFirstYear(random: Random, months: number, startMonth: number): number {
  const januaries: number[] = [];
  for (let index = 12; index < months; index += 1) {
    if ((startMonth + index) % 12 === 0) januaries.push(index);
  }
  return januaries.length === 0 ? -1 : random.pick(januaries);
}

/** Applies a digit-level misread to a cents amount. */
export function misreadDigits(kind: 'dropped_digit' | 'extra_digit' | 'transposed_digits', value: bigint, random: Random): bigint {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  let changed = digits;

  if (kind === 'dropped_digit') {
    const position = random.int(0, Math.max(0, digits.length - 4));
    changed = digits.slice(0, position) + digits.slice(position + 1);
  } else if (kind === 'extra_digit') {
    const position = random.int(0, Math.max(0, digits.length - 3));
    changed = digits.slice(0, position) + String(random.int(1, 9)) + digits.slice(position);
  } else {
    // Swaps the first adjacent pair of different digits in the leading part, so the value changes noticeably.
    for (let position = 0; position < digits.length - 3; position += 1) {
      if (digits[position] !== digits[position + 1]) {
        changed = digits.slice(0, position) + digits[position + 1]! + digits[position]! + digits.slice(position + 2);
        break;
      }
    }
  }
  const result = BigInt(changed === '' ? '0' : changed);
  return negative ? -result : result;
}
