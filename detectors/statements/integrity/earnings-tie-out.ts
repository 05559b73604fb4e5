/**
 * integrity.earnings_tie_out: the balance sheet's current-period earnings
 * equal the same property's income-statement net income.
 *
 * Yardi's "Current Period Earnings" is earnings since the start of the fiscal
 * year, so the preferred expected figure is year-to-date net income: an
 * income statement covering the fiscal year to the balance-sheet date, or the
 * sum of monthly statements for every month of that span. The net income of
 * the statement ending on the same date is accepted too, because some
 * exports close earnings monthly. A balance sheet that ties with neither is
 * flagged; an unposted year-end close (last year's earnings still in current
 * earnings) looks like that.
 */
import type { ResolvedStatementOptions } from '../options';
import { fiscalYearStartIndex, isMonthlyPeriod, monthIndex } from '../periods';
import { amountLines } from '../statement-input';
import type { Finding, NotJudged, Statement } from '../types';
import { findRoleLine } from './derived-lines';
import { checkTie } from './tie-finding';

export interface EarningsTieOutInput {
  balanceSheet: Statement;
  /** Income statements of the same property; those of other properties or periods are ignored. */
  incomeStatements: readonly Statement[];
  options: ResolvedStatementOptions;
}

interface NetIncomeCandidate {
  basis: 'year_to_date' | 'same_period';
  cents: number;
  documentIds: string[];
}

export function checkEarningsTieOut(input: EarningsTieOutInput): { findings: Finding[]; notJudged: NotJudged[] } {
  const { balanceSheet, options } = input;
  const notJudged = (reason: string): { findings: Finding[]; notJudged: NotJudged[] } => ({
    findings: [],
    notJudged: [{ detector: 'integrity.earnings_tie_out', accountCode: null, reason }],
  });

  const earningsLine = findRoleLine(amountLines(balanceSheet), 'current_period_earnings');
  if (!earningsLine) return notJudged('the balance sheet has no current period earnings line');

  const candidates = netIncomeCandidates(input);
  if (candidates.length === 0) {
    return notJudged(`no income statement of property ${balanceSheet.propertyId} with a net income line ends on ${balanceSheet.periodEnd}`);
  }

  const results = candidates.map((candidate) =>
    checkTie(
      {
        detector: 'integrity.earnings_tie_out',
        anomalyType: 'earnings_tie_out',
        statement: balanceSheet,
        line: earningsLine,
        expectedCents: candidate.cents,
        termCount: 2,
        formula: `the income statements' ${candidate.basis.replace(/_/g, '-')} net income`,
        details: { candidates: candidates.map((c) => ({ ...c })) },
      },
      options,
    ),
  );
  if (results.some((result) => result === null)) return { findings: [], notJudged: [] };
  return { findings: [results[0]!], notJudged: [] };
}

/** Year-to-date first, then same-period net income; a basis is left out when its statements are missing. */
function netIncomeCandidates({ balanceSheet, incomeStatements, options }: EarningsTieOutInput): NetIncomeCandidate[] {
  const relevant = incomeStatements.filter(
    (s) => s.propertyId === balanceSheet.propertyId && s.documentType === 'income_statement' && netIncomeOf(s) !== null,
  );
  const endIndex = monthIndex(balanceSheet.periodEnd);
  const startIndex = fiscalYearStartIndex(balanceSheet.periodEnd, options.fiscalYearStartMonth);
  const candidates: NetIncomeCandidate[] = [];

  const wholeSpan = relevant.find((s) => monthIndex(s.periodStart) === startIndex && s.periodEnd === balanceSheet.periodEnd);
  const monthly = monthlyStatementsBetween(relevant, startIndex, endIndex);
  const yearToDate = wholeSpan ? [wholeSpan] : monthly;
  if (yearToDate) candidates.push(candidateOf('year_to_date', yearToDate));

  const samePeriod = relevant.find((s) => s.periodEnd === balanceSheet.periodEnd);
  if (samePeriod && !(yearToDate?.length === 1 && yearToDate[0] === samePeriod)) candidates.push(candidateOf('same_period', [samePeriod]));

  return candidates;
}

/** Picks one monthly statement for every month from `startIndex` to `endIndex`, or null when a month is missing. */
function monthlyStatementsBetween(statements: Statement[], startIndex: number, endIndex: number): Statement[] | null {
  const byMonth = new Map<number, Statement>();
  for (const s of statements) {
    if (isMonthlyPeriod(s.periodStart, s.periodEnd)) byMonth.set(monthIndex(s.periodEnd), s);
  }

  const chosen: Statement[] = [];
  for (let index = startIndex; index <= endIndex; index += 1) {
    const statement = byMonth.get(index);
    if (!statement) return null;
    chosen.push(statement);
  }
  return chosen;
}

function candidateOf(basis: NetIncomeCandidate['basis'], statements: Statement[]): NetIncomeCandidate {
  const cents = statements.reduce((sum, s) => sum + (netIncomeOf(s) ?? 0), 0);
  return { basis, cents, documentIds: statements.map((s) => s.documentId) };
}

function netIncomeOf(statement: Statement): number | null {
  return findRoleLine(amountLines(statement), 'net_income')?.amountCents ?? null;
}
