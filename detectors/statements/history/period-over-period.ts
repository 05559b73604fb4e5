/**
 * history.period_over_period: the relative change from the latest earlier
 * period, (x − previous) / |previous|. Flagged when |change| >
 * periodOverPeriodThreshold and |x − previous| ≥ minChangeCents. Not judged
 * without an earlier period or when the previous amount is 0, where a
 * relative change is undefined.
 */
import { formatCents, severityForThresholdRatio } from '../tolerance';
import type { HistoryCheckInput, HistoryCheckResult } from './history-check';

export function checkPeriodOverPeriod({ statement, line, observations, options }: HistoryCheckInput): HistoryCheckResult {
  const previous = observations.at(-1);
  const notJudged = (reason: string): HistoryCheckResult => ({
    notJudged: { detector: 'history.period_over_period', accountCode: line.accountCode, reason },
  });
  if (!previous) return notJudged('no earlier period carries this account');
  if (previous.amountCents === 0) return notJudged(`the previous amount (${previous.periodEnd}) is 0, so a relative change is undefined`);

  const differenceCents = line.amountCents - previous.amountCents;
  const change = differenceCents / Math.abs(previous.amountCents);
  const flagged = Math.abs(change) > options.periodOverPeriodThreshold && Math.abs(differenceCents) >= options.minChangeCents;
  if (!flagged) return { finding: null };

  return {
    finding: {
      detector: 'history.period_over_period',
      anomalyType: 'period_over_period_change',
      severity: severityForThresholdRatio(Math.abs(change) / options.periodOverPeriodThreshold),
      score: Math.abs(change),
      lineId: line.lineId,
      accountCode: line.accountCode,
      period: statement.periodEnd,
      actualCents: line.amountCents,
      expectedCents: previous.amountCents,
      message:
        `${line.accountName} changed by ${(change * 100).toFixed(0)} % from ${formatCents(previous.amountCents)} ` +
        `on ${previous.periodEnd} to ${formatCents(line.amountCents)}.`,
      details: {
        change,
        previousPeriodEnd: previous.periodEnd,
        previousCents: previous.amountCents,
        threshold: options.periodOverPeriodThreshold,
      },
    },
  };
}
