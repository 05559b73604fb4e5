/**
 * Runs the three history checks over every amount line of a statement.
 *
 * Seasonality rule: when the year-over-year check judges a line and finds it
 * in line with the same month one year earlier, that comparison explains the
 * level, so the robust z-score and period-over-period findings of the line
 * are dropped (a January heating bill is compared with last January, not
 * with December). Lines of adjustment and cash-flow sections, which restate
 * balance-sheet movements, are not judged.
 */
import { isOperatingLine } from '../integrity/derived-lines';
import type { ResolvedStatementOptions } from '../options';
import { amountLines, type AmountLine } from '../statement-input';
import type { DetectionRun, Finding, NotJudged, Statement } from '../types';
import { collectAccountHistory, seriesKey, type AccountObservation } from './account-series';
import { dropExplainedTotals } from './explained-totals';
import type { HistoryCheckResult } from './history-check';
import { checkPeriodOverPeriod } from './period-over-period';
import { checkRobustZScore } from './robust-zscore';
import { checkYearOverYear } from './year-over-year';

export function detectHistoryAnomalies(statement: Statement, history: readonly Statement[], options: ResolvedStatementOptions): DetectionRun {
  const series = collectAccountHistory(statement, history);
  const findings: Finding[] = [];
  const notJudged: NotJudged[] = [];

  for (const line of amountLines(statement)) {
    if (!isOperatingLine(line)) continue;

    const run = judgeLine(statement, line, series.get(seriesKey(line)) ?? [], options);
    findings.push(...run.findings);
    notJudged.push(...run.notJudged);
  }

  return { findings: dropExplainedTotals(statement, findings, options), notJudged };
}

function judgeLine(statement: Statement, line: AmountLine, observations: AccountObservation[], options: ResolvedStatementOptions): DetectionRun {
  const input = { statement, line, observations, options };
  const zScore = checkRobustZScore(input);
  const periodOverPeriod = checkPeriodOverPeriod(input);
  const yearOverYear = checkYearOverYear(input);

  const seasonallyExplained = 'finding' in yearOverYear && yearOverYear.finding === null;
  const reported = seasonallyExplained ? [yearOverYear] : [zScore, periodOverPeriod, yearOverYear];

  return {
    findings: reported.flatMap((result) => ('finding' in result && result.finding ? [result.finding] : [])),
    notJudged: [zScore, periodOverPeriod, yearOverYear].flatMap((result: HistoryCheckResult) => ('notJudged' in result ? [result.notJudged] : [])),
  };
}
