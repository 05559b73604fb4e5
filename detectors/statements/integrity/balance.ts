/**
 * integrity.balance: on a balance sheet, total assets equal total
 * liabilities plus capital. Each side uses the printed total lines when the
 * statement has them (TOTAL LIABILITIES & CAPITAL, else TOTAL LIABILITIES
 * plus TOTAL CAPITAL) and otherwise the sum of the side's detail lines by
 * account class. Liabilities and capital are read as printed on Yardi
 * statements, credit balances positive.
 */
import type { ResolvedStatementOptions } from '../options';
import { amountLines, type AmountLine } from '../statement-input';
import { formatCents, relativeDiscrepancy, roundingToleranceCents, severityForRelativeDiscrepancy, tiesWithinTolerance } from '../tolerance';
import type { Finding, NotJudged, Statement } from '../types';
import { findRoleLine, lineTerm, termOrDetailSum, type TieTerm } from './derived-lines';

export function checkBalance(statement: Statement, options: ResolvedStatementOptions): { findings: Finding[]; notJudged: NotJudged[] } {
  const lines = amountLines(statement);
  const assets = termOrDetailSum(lines, 'total_assets', 'asset');
  const claims = liabilitiesAndCapital(lines);

  if (assets.termCount === 0 || claims.termCount === 0) {
    const reason = 'the statement has neither total lines nor detail lines for both assets and liabilities plus capital';
    return { findings: [], notJudged: [{ detector: 'integrity.balance', accountCode: null, reason }] };
  }

  const termCount = assets.termCount + claims.termCount;
  const differenceCents = assets.cents - claims.cents;
  if (tiesWithinTolerance(differenceCents, termCount, options)) return { findings: [], notJudged: [] };

  const relative = relativeDiscrepancy(assets.cents, claims.cents);
  const finding: Finding = {
    detector: 'integrity.balance',
    anomalyType: 'balance_sheet_imbalance',
    severity: severityForRelativeDiscrepancy(relative),
    score: relative,
    lineId: assets.lineId,
    accountCode: null,
    period: statement.periodEnd,
    actualCents: assets.cents,
    expectedCents: claims.cents,
    message:
      `Total assets ${formatCents(assets.cents)} differ from liabilities plus capital ` +
      `${formatCents(claims.cents)} by ${formatCents(differenceCents)}.`,
    details: {
      assets: { ...assets },
      liabilitiesAndCapital: { ...claims },
      differenceCents,
      toleranceCents: roundingToleranceCents(termCount, options),
    },
  };
  return { findings: [finding], notJudged: [] };
}

function liabilitiesAndCapital(lines: AmountLine[]): TieTerm {
  const combined = findRoleLine(lines, 'total_liabilities_and_capital');
  if (combined) return lineTerm(combined);

  const liabilities = termOrDetailSum(lines, 'total_liabilities', 'liability');
  const capital = termOrDetailSum(lines, 'total_capital', 'equity');
  const bothPrinted = liabilities.source === 'line' && capital.source === 'line';

  return {
    cents: liabilities.cents + capital.cents,
    termCount: liabilities.termCount + capital.termCount,
    source: bothPrinted ? 'line' : 'detail_sum',
    lineId: null,
  };
}
