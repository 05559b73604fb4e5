/**
 * Rule against double-flagging: a history finding on a subtotal or total is
 * dropped when a line it sums — directly or through nested subtotals — has a
 * finding from the same detector, because that detail explains the total's
 * move. A finding on a difference line (NOI, net income, cash flow) is
 * dropped when any line above it has a finding from the same detector.
 * Integrity findings are never dropped: a total that does not tie is
 * reported beside the detail line that history singles out.
 */
import { isDifferenceLine } from '../account-classes';
import { inferSubtotalGroups } from '../integrity/subtotal-groups';
import type { ResolvedStatementOptions } from '../options';
import { amountLines } from '../statement-input';
import type { Finding, Statement } from '../types';

export function dropExplainedTotals(statement: Statement, findings: Finding[], options: ResolvedStatementOptions): Finding[] {
  const membersOf = new Map<string, string[]>();
  for (const group of inferSubtotalGroups(statement, options)) {
    membersOf.set(group.total.lineId, group.members.map((line) => line.lineId));
  }
  const linesById = new Map(amountLines(statement).map((line) => [line.lineId, line]));

  const flagged = (lineId: string, detector: Finding['detector']): boolean =>
    findings.some((finding) => finding.lineId === lineId && finding.detector === detector);

  const explained = (finding: Finding): boolean => {
    const line = finding.lineId === null ? undefined : linesById.get(finding.lineId);
    if (!line) return false;

    if (isDifferenceLine(line)) {
      return findings.some((other) => {
        const otherLine = other.lineId === null ? undefined : linesById.get(other.lineId);
        return other.detector === finding.detector && otherLine !== undefined && otherLine.position < line.position;
      });
    }
    return descendants(line.lineId, membersOf).some((memberId) => flagged(memberId, finding.detector));
  };

  return findings.filter((finding) => !explained(finding));
}

/** Collects every line a total sums, at any depth. */
function descendants(lineId: string, membersOf: Map<string, string[]>): string[] {
  const result: string[] = [];
  const pending = [...(membersOf.get(lineId) ?? [])];
  while (pending.length > 0) {
    const next = pending.pop()!;
    result.push(next);
    pending.push(...(membersOf.get(next) ?? []));
  }
  return result;
}
