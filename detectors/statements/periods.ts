/** Month arithmetic on ISO dates (YYYY-MM-DD), without time zones: only the year and month are read. */

/** Months since year 0 of an ISO date, so consecutive months differ by 1. */
export function monthIndex(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return year * 12 + (month - 1);
}

/** True when the period starts and ends in the same calendar month. */
export function isMonthlyPeriod(periodStart: string, periodEnd: string): boolean {
  return monthIndex(periodStart) === monthIndex(periodEnd);
}

/** Month index of the first month of the fiscal year containing `isoDate`. */
export function fiscalYearStartIndex(isoDate: string, fiscalYearStartMonth: number): number {
  const index = monthIndex(isoDate);
  const monthOfYear = (index % 12) + 1;
  const monthsIntoYear = (monthOfYear - fiscalYearStartMonth + 12) % 12;
  return index - monthsIntoYear;
}
