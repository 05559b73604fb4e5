/**
 * Per-account history of one property: the amounts the same account carried
 * on earlier statements of the same type, oldest first.
 */
import { monthIndex } from '../periods';
import { amountLines, type AmountLine } from '../statement-input';
import type { Statement } from '../types';

export interface AccountObservation {
  periodEnd: string;
  monthIndex: number;
  amountCents: number;
  documentId: string;
}

/**
 * Key of a line's series: section and account code, or section and name for
 * lines printed without a code. The section keeps an income statement's
 * adjustment lines, which reuse balance-sheet codes, apart from the rest.
 */
export function seriesKey(line: AmountLine): string {
  const section = line.section?.toLowerCase() ?? '';
  const account = line.accountCode?.trim() || `name:${line.accountName.trim().toLowerCase()}`;
  return `${section}|${account}`;
}

/**
 * Collects the series of every account over the earlier statements.
 * Statements of another property or type, or not ending before `current`
 * does, are ignored. When two statements end on the same date, the later one
 * in the array wins (a re-upload replaces the earlier document). Within one
 * statement only the first line of an account counts, so a duplicated line
 * does not double the history.
 */
export function collectAccountHistory(current: Statement, history: readonly Statement[]): Map<string, AccountObservation[]> {
  const byPeriod = new Map<string, Statement>();
  for (const statement of history) {
    const comparable = statement.propertyId === current.propertyId && statement.documentType === current.documentType;
    if (comparable && statement.periodEnd < current.periodEnd) byPeriod.set(statement.periodEnd, statement);
  }

  const series = new Map<string, AccountObservation[]>();
  const periods = [...byPeriod.keys()].sort();
  for (const periodEnd of periods) {
    const statement = byPeriod.get(periodEnd)!;
    const seen = new Set<string>();

    for (const line of amountLines(statement)) {
      const key = seriesKey(line);
      if (seen.has(key)) continue;
      seen.add(key);

      const observation = { periodEnd, monthIndex: monthIndex(periodEnd), amountCents: line.amountCents, documentId: statement.documentId };
      const observations = series.get(key);
      if (observations) observations.push(observation);
      else series.set(key, [observation]);
    }
  }

  return series;
}
