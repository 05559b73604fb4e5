/**
 * integrity.noi: net operating income equals total income minus total
 * operating expenses. The terms are the last TOTAL INCOME and TOTAL
 * (OPERATING) EXPENSES lines printed above the NOI line — on Yardi that is
 * TOTAL EXPENSES (6199-0000), which sums the operating and the additional
 * operating expenses — or the sums of the income and expense detail lines
 * when a total is missing.
 */
import type { ResolvedStatementOptions } from '../options';
import { amountLines } from '../statement-input';
import type { Finding, NotJudged, Statement } from '../types';
import { findRoleLine, lineTerm, sumDetailsOfClass } from './derived-lines';
import { checkTie } from './tie-finding';

export function checkNoi(statement: Statement, options: ResolvedStatementOptions): { findings: Finding[]; notJudged: NotJudged[] } {
  const lines = amountLines(statement);
  const noiLine = findRoleLine(lines, 'net_operating_income');
  if (!noiLine) {
    return { findings: [], notJudged: [{ detector: 'integrity.noi', accountCode: null, reason: 'the statement has no net operating income line' }] };
  }

  const incomeLine = findRoleLine(lines, 'total_income', noiLine.position);
  const expenseLine = findRoleLine(lines, 'total_expenses', noiLine.position);
  const income = incomeLine ? lineTerm(incomeLine) : sumDetailsOfClass(lines, 'revenue');
  const expenses = expenseLine ? lineTerm(expenseLine) : sumDetailsOfClass(lines, 'operating_expense');

  const finding = checkTie(
    {
      detector: 'integrity.noi',
      anomalyType: 'noi_mismatch',
      statement,
      line: noiLine,
      expectedCents: income.cents - expenses.cents,
      termCount: income.termCount + expenses.termCount,
      formula: 'total income − total operating expenses',
      details: { income: { ...income }, operatingExpenses: { ...expenses } },
    },
    options,
  );
  return { findings: finding ? [finding] : [], notJudged: [] };
}
