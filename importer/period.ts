/**
 * Month and period labels as statements and spreadsheet headers print them.
 */

export interface YearMonth {
  year: number;
  /** 1 to 12. */
  month: number;
}

export interface PeriodRange {
  /** ISO date (YYYY-MM-DD). */
  start: string;
  /** ISO date (YYYY-MM-DD). */
  end: string;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Parses a month label: "Jan 2024", "January 2024", "Jan-24", "Sept 2024",
 * "2024-01", "2024/01", "01/2024" and "1-2024". Returns null for anything else,
 * including full dates, so callers can tell month columns from other headers.
 */
export function parseMonthLabel(text: string): YearMonth | null {
  const label = text.trim().toLowerCase().replace(/\s+/g, ' ');

  const named = /^([a-z]{3,9})\.?[ \-']?(\d{4}|\d{2})$/.exec(label);
  if (named) {
    const month = monthFromName(named[1]!);
    return month === null ? null : valid(fullYear(named[2]!), month);
  }

  const yearFirst = /^(\d{4})[-/](\d{1,2})$/.exec(label);
  if (yearFirst) {
    return valid(Number(yearFirst[1]), Number(yearFirst[2]));
  }

  const monthFirst = /^(\d{1,2})[-/](\d{4})$/.exec(label);
  if (monthFirst) {
    return valid(Number(monthFirst[2]), Number(monthFirst[1]));
  }
  return null;
}

/** Returns the first and last day of a month as ISO dates. */
export function monthRange({ year, month }: YearMonth): PeriodRange {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = `${year}-${String(month).padStart(2, '0')}`;
  return { start: `${prefix}-01`, end: `${prefix}-${String(lastDay).padStart(2, '0')}` };
}

/** Formats a month as YYYY-MM. */
export function formatYearMonth({ year, month }: YearMonth): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * Parses a statement period: one month ("Dec 2021") or a range of months
 * ("Jan 2021-Dec 2021", "Jan 2021 - Dec 2021", "Jan 2021 to Dec 2021").
 * Returns null when the text is neither.
 */
export function parsePeriodText(text: string): PeriodRange | null {
  const single = parseMonthLabel(text);
  if (single) {
    return monthRange(single);
  }

  // Month labels may contain a hyphen themselves ("Jan-24"), so every separator is tried as the split point.
  const trimmed = text.trim();
  for (const separator of trimmed.matchAll(/\s*[-\u2013]\s*|\s+(?:to|through)\s+/gi)) {
    const first = parseMonthLabel(trimmed.slice(0, separator.index));
    const last = parseMonthLabel(trimmed.slice(separator.index + separator[0].length));
    if (first && last) {
      return { start: monthRange(first).start, end: monthRange(last).end };
    }
  }
  return null;
}

/** Parses an ISO or US date ("2025-04-30", "4/30/2025") to an ISO date, or returns null. */
export function parseDateText(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (iso) {
    return `${iso[1]!}-${iso[2]!}-${iso[3]!}`;
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (us) {
    return `${us[3]!}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  }
  return null;
}

function monthFromName(name: string): number | null {
  const index = MONTH_NAMES.indexOf(name.slice(0, 3));
  if (index < 0) {
    return null;
  }
  const full = new Date(Date.UTC(2000, index, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' }).toLowerCase();
  // Accepts the three-letter form, "Sept", and the full name, but not words that merely start like a month.
  return name.length === 3 || name === 'sept' || name === full ? index + 1 : null;
}

/** Two-digit years are read as 20YY, since the statements this reads are from this century. */
function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function valid(year: number, month: number): YearMonth | null {
  return month >= 1 && month <= 12 && year >= 1900 && year <= 2200 ? { year, month } : null;
}
