/**
 * integrity.net_income: net income equals NOI minus the below-NOI items
 * (interest, depreciation, amortization: Yardi's 7xxx accounts, printed as
 * positive costs). The below-NOI term is the TOTAL OTHER INCOME/EXPENSE line
 * between NOI and net income, or the sum of the below-NOI detail lines there.
 * NOI is the printed line, or total income − total expenses when it is missing.
 */
import type { ResolvedStatementOptions } from '../options';
import { amountLines, type AmountLine } from '../statement-input';
import type { Finding, NotJudged, Statement } from '../types';
import { findRoleLine, lineTerm, sumDetailsOfClass, termOrDetailSum, type TieTerm } from './derived-lines';
import { checkTie } from './tie-finding';

export function checkNetIncome(statement: Statement, options: ResolvedStatementOptions): { findings: Finding[]; notJudged: NotJudged[] } {
  const lines = amountLines(statement);
  const netIncomeLine = findRoleLine(lines, 'net_income');
  if (!netIncomeLine) {
    return { findings: [], notJudged: [{ detector: 'integrity.net_income', accountCode: null, reason: 'the statement has no net income line' }] };
  }

  const noi = noiTerm(lines, netIncomeLine.position);
  const noiPosition = findRoleLine(lines, 'net_operating_income', netIncomeLine.position)?.position ?? -Infinity;
  const belowLine = findRoleLine(lines, 'total_below_noi', netIncomeLine.position);
  const below =
    belowLine && belowLine.position > noiPosition
      ? lineTerm(belowLine)
      : sumDetailsOfClass(lines, 'below_noi', { after: noiPosition, before: netIncomeLine.position });

  const finding = checkTie(
    {
      detector: 'integrity.net_income',
      anomalyType: 'net_income_mismatch',
      statement,
      line: netIncomeLine,
      expectedCents: noi.cents - below.cents,
      termCount: noi.termCount + below.termCount,
      formula: 'NOI − below-NOI items',
      details: { netOperatingIncome: { ...noi }, belowNoi: { ...below } },
    },
    options,
  );
  return { findings: finding ? [finding] : [], notJudged: [] };
}

function noiTerm(lines: AmountLine[], netIncomePosition: number): TieTerm {
  const noiLine = findRoleLine(lines, 'net_operating_income', netIncomePosition);
  if (noiLine) return lineTerm(noiLine);

  const income = termOrDetailSum(lines, 'total_income', 'revenue', netIncomePosition);
  const expenses = termOrDetailSum(lines, 'total_expenses', 'operating_expense', netIncomePosition);
  return { cents: income.cents - expenses.cents, termCount: income.termCount + expenses.termCount, source: 'detail_sum', lineId: null };
}
