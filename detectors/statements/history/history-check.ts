/** The common shape of the per-line history checks. */
import type { ResolvedStatementOptions } from '../options';
import type { AmountLine } from '../statement-input';
import type { Finding, NotJudged, Statement } from '../types';
import type { AccountObservation } from './account-series';

export interface HistoryCheckInput {
  statement: Statement;
  line: AmountLine;
  /** The account's earlier amounts, oldest first. */
  observations: readonly AccountObservation[];
  options: ResolvedStatementOptions;
}

/** A judged line yields a finding or nothing; an unjudged line yields the reason. */
export type HistoryCheckResult = { finding: Finding | null } | { notJudged: NotJudged };
