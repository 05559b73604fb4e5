/** The one entry point: runs every statement detector that applies to the statement's type. */
import { checkBalance } from './integrity/balance';
import { checkDuplicateLines } from './integrity/duplicates';
import { checkEarningsTieOut } from './integrity/earnings-tie-out';
import { checkNetIncome } from './integrity/net-income';
import { checkNoi } from './integrity/noi';
import { checkSignConventions } from './integrity/sign-convention';
import { checkTotals } from './integrity/totals';
import { detectHistoryAnomalies } from './history/detect-history-anomalies';
import { resolveStatementOptions, type ResolvedStatementOptions, type StatementDetectionOptions } from './options';
import { assertValidStatement } from './statement-input';
import type { DetectionRun, Statement } from './types';

export interface DetectStatementAnomaliesInput {
  statement: Statement;
  /** Earlier statements of the same property and type; others are ignored. */
  history: readonly Statement[];
  /**
   * Other statements of the same property, for cross-statement checks: for a
   * balance sheet, the income statements of its fiscal year; for an income
   * statement, the balance sheet ending on the same date.
   */
  relatedStatements?: readonly Statement[];
  options?: StatementDetectionOptions;
}

/**
 * Runs all statement detectors and returns their findings, plus the checks that could not run and why.
 * Pure and deterministic: the same input always gives the same output, in the same order.
 * @throws InvalidStatementOptionError for a bad option; InvalidStatementError for a malformed statement.
 */
export function detectStatementAnomalies(input: DetectStatementAnomaliesInput): DetectionRun {
  const options = resolveStatementOptions(input.options);
  const related = input.relatedStatements ?? [];
  for (const statement of [input.statement, ...input.history, ...related]) assertValidStatement(statement);

  const { statement, history } = input;
  const run: DetectionRun = { findings: [], notJudged: [] };
  const add = (part: Partial<DetectionRun>): void => {
    run.findings.push(...(part.findings ?? []));
    run.notJudged.push(...(part.notJudged ?? []));
  };

  if (statement.documentType === 'balance_sheet') add(checkBalance(statement, options));
  add({ findings: checkTotals(statement, options) });
  if (statement.documentType === 'income_statement') {
    add(checkNoi(statement, options));
    add(checkNetIncome(statement, options));
  }
  add(earningsTieOut(statement, history, related, options));
  add({ findings: checkSignConventions(statement, history, options) });
  add({ findings: checkDuplicateLines(statement) });
  add(detectHistoryAnomalies(statement, history, options));

  return run;
}

function earningsTieOut(statement: Statement, history: readonly Statement[], related: readonly Statement[], options: ResolvedStatementOptions): Partial<DetectionRun> {
  if (statement.documentType === 'balance_sheet') {
    return checkEarningsTieOut({ balanceSheet: statement, incomeStatements: related, options });
  }
  if (statement.documentType !== 'income_statement') return {};

  const balanceSheet = related.find(
    (other) => other.documentType === 'balance_sheet' && other.propertyId === statement.propertyId && other.periodEnd === statement.periodEnd,
  );
  if (!balanceSheet) {
    const reason = `no balance sheet of property ${statement.propertyId} ending on ${statement.periodEnd} among the related statements`;
    return { notJudged: [{ detector: 'integrity.earnings_tie_out', accountCode: null, reason }] };
  }
  return checkEarningsTieOut({ balanceSheet, incomeStatements: [statement, ...history, ...related], options });
}
