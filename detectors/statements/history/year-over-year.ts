/**
 * history.year_over_year: the relative change from the same month one year
 * earlier, (x − lastYear) / |lastYear|, which respects seasonality (winter
 * utilities, year-end true-ups). Runs only when the account has at least
 * minYearOverYearHistoryPeriods earlier periods (12 by default, so 13 months
 * with the current one) including that same month; flagged when |change| >
 * yearOverYearThreshold and |x − lastYear| ≥ minChangeCents.
 */
import { monthIndex } from '../periods';
import { formatCents, severityForThresholdRatio } from '../tolerance';
import type { AccountObservation } from './account-series';
import type { HistoryCheckInput, HistoryCheckResult } from './history-check';

/** The account's amount in the same month one year before the statement, if recorded. */
export function sameMonthLastYear(periodEnd: string, observations: readonly AccountObservation[]): AccountObservation | null {
  const target = monthIndex(periodEnd) - 12;
  return observations.find((observation) => observation.monthIndex === target) ?? null;
}

export function checkYearOverYear({ statement, line, observations, options }: HistoryCheckInput): HistoryCheckResult {
  const notJudged = (reason: string): HistoryCheckResult => ({
    notJudged: { detector: 'history.year_over_year', accountCode: line.accountCode, reason },
  });
  if (observations.length < options.minYearOverYearHistoryPeriods) {
    return notJudged(`only ${observations.length} earlier periods; the year-over-year check needs at least ${options.minYearOverYearHistoryPeriods}`);
  }

  const lastYear = sameMonthLastYear(statement.periodEnd, observations);
  if (!lastYear) return notJudged('no amount for the same month one year earlier');
  if (lastYear.amountCents === 0) return notJudged(`the amount one year earlier (${lastYear.periodEnd}) is 0, so a relative change is undefined`);

  const differenceCents = line.amountCents - lastYear.amountCents;
  const change = differenceCents / Math.abs(lastYear.amountCents);
  const flagged = Math.abs(change) > options.yearOverYearThreshold && Math.abs(differenceCents) >= options.minChangeCents;
  if (!flagged) return { finding: null };

  return {
    finding: {
      detector: 'history.year_over_year',
      anomalyType: 'year_over_year_change',
      severity: severityForThresholdRatio(Math.abs(change) / options.yearOverYearThreshold),
      score: Math.abs(change),
      lineId: line.lineId,
      accountCode: line.accountCode,
      period: statement.periodEnd,
      actualCents: line.amountCents,
      expectedCents: lastYear.amountCents,
      message:
        `${line.accountName} changed by ${(change * 100).toFixed(0)} % from ${formatCents(lastYear.amountCents)} ` +
        `in the same month one year earlier (${lastYear.periodEnd}) to ${formatCents(line.amountCents)}.`,
      details: {
        change,
        lastYearPeriodEnd: lastYear.periodEnd,
        lastYearCents: lastYear.amountCents,
        threshold: options.yearOverYearThreshold,
      },
    },
  };
}
