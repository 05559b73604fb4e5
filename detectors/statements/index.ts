/** Public API of the statement detectors: pure functions over statements, no I/O. */
export { detectStatementAnomalies, type DetectStatementAnomaliesInput } from './detect-statement-anomalies';
export { STATEMENT_DETECTORS, type DetectorDescription } from './detector-catalog';
export { InvalidStatementError, InvalidStatementOptionError } from './errors';
export { DEFAULT_STATEMENT_OPTIONS, resolveStatementOptions, type ResolvedStatementOptions, type StatementDetectionOptions } from './options';
export { checkBalance } from './integrity/balance';
export { checkDuplicateLines } from './integrity/duplicates';
export { checkEarningsTieOut, type EarningsTieOutInput } from './integrity/earnings-tie-out';
export { checkNetIncome } from './integrity/net-income';
export { checkNoi } from './integrity/noi';
export { checkSignConventions, normalSign } from './integrity/sign-convention';
export { inferSubtotalGroups, type SubtotalGroup } from './integrity/subtotal-groups';
export { checkTotals } from './integrity/totals';
export { detectHistoryAnomalies } from './history/detect-history-anomalies';
export { robustZScore, type RobustZScore } from './history/robust-zscore';
export { median, medianAbsoluteDeviation, meanAbsoluteDeviationAroundMedian } from './history/robust-statistics';
export { roundingToleranceCents } from './tolerance';
export * from './types';
