/**
 * integrity.totals: every subtotal and total equals the sum of the lines it
 * covers (members inferred as described in subtotal-groups.ts).
 *
 * When the unexplained excess equals one member's amount, that member is
 * probably counted twice — a duplicated line, or a subtotal extracted as a
 * detail line — so it gets its own finding besides the total's. A subtotal
 * stored as a detail line (see subtotal-groups.ts) is reported on that line.
 */
import type { ResolvedStatementOptions } from '../options';
import type { AmountLine } from '../statement-input';
import {
  formatCents,
  relativeDiscrepancy,
  roundingToleranceCents,
  severityForRelativeDiscrepancy,
  tiesWithinTolerance,
} from '../tolerance';
import type { Finding, Statement } from '../types';
import { inferSubtotalGroups, type SubtotalGroup } from './subtotal-groups';

export function checkTotals(statement: Statement, options: ResolvedStatementOptions): Finding[] {
  const findings: Finding[] = [];

  for (const group of inferSubtotalGroups(statement, options)) {
    if (group.printedAsDetail) findings.push(printedAsDetailFinding(statement, group));
    // A total with no lines above it (summary-only statements such as portfolio files) has nothing to tie to.
    if (group.tied || group.members.length === 0) continue;

    findings.push(totalFinding(statement, group, options));

    const suspect = findCountedTwice(group, options);
    if (suspect) findings.push(suspectFinding(statement, group, suspect));
  }

  return findings;
}

function totalFinding(statement: Statement, group: SubtotalGroup, options: ResolvedStatementOptions): Finding {
  const { total, members, sumCents } = group;
  const relative = relativeDiscrepancy(total.amountCents, sumCents);

  return {
    detector: 'integrity.totals',
    anomalyType: 'total_mismatch',
    severity: severityForRelativeDiscrepancy(relative),
    score: relative,
    lineId: total.lineId,
    accountCode: total.accountCode,
    period: statement.periodEnd,
    actualCents: total.amountCents,
    expectedCents: sumCents,
    message:
      `${total.accountName} is ${formatCents(total.amountCents)} but the ${members.length} lines it covers ` +
      `sum to ${formatCents(sumCents)} (difference ${formatCents(total.amountCents - sumCents)}).`,
    details: {
      differenceCents: total.amountCents - sumCents,
      toleranceCents: roundingToleranceCents(members.length, options),
      memberInference: group.inferredBy,
      members: members.map((line) => ({ lineId: line.lineId, accountCode: line.accountCode, amountCents: line.amountCents })),
    },
  };
}

/**
 * The member whose amount equals the sum's excess over the printed total, if
 * exactly one account does; of identical copies the last is taken as the repeat.
 */
function findCountedTwice(group: SubtotalGroup, options: ResolvedStatementOptions): AmountLine | null {
  const excess = group.sumCents - group.total.amountCents;
  const matches = group.members.filter(
    (line) => line.amountCents !== 0 && tiesWithinTolerance(line.amountCents - excess, group.members.length, options),
  );
  const last = matches.at(-1);
  if (!last) return null;

  const sameLine = matches.every((line) => line.accountCode === last.accountCode && line.amountCents === last.amountCents);
  return sameLine ? last : null;
}

function suspectFinding(statement: Statement, group: SubtotalGroup, suspect: AmountLine): Finding {
  const relative = relativeDiscrepancy(group.total.amountCents, group.sumCents);

  return {
    detector: 'integrity.totals',
    anomalyType: 'total_mismatch',
    severity: severityForRelativeDiscrepancy(relative),
    score: relative,
    lineId: suspect.lineId,
    accountCode: suspect.accountCode,
    period: statement.periodEnd,
    actualCents: suspect.amountCents,
    expectedCents: 0,
    message:
      `${suspect.accountName} (${formatCents(suspect.amountCents)}) equals the excess of the lines under ` +
      `${group.total.accountName} over its printed amount, so it is probably counted twice ` +
      `(a duplicated line or a subtotal read as a detail line).`,
    details: {
      totalLineId: group.total.lineId,
      totalAccountCode: group.total.accountCode,
      totalCents: group.total.amountCents,
      sumCents: group.sumCents,
    },
  };
}

function printedAsDetailFinding(statement: Statement, group: SubtotalGroup): Finding {
  const { total, members } = group;
  return {
    detector: 'integrity.totals',
    anomalyType: 'total_mismatch',
    severity: 'high',
    score: 1,
    lineId: total.lineId,
    accountCode: total.accountCode,
    period: statement.periodEnd,
    actualCents: total.amountCents,
    expectedCents: 0,
    message:
      `${total.accountName} (${formatCents(total.amountCents)}) is stored as a detail line but equals the sum of the ` +
      `${members.length} lines above it, so it is a subtotal and sums of detail lines would count them twice.`,
    details: {
      members: members.map((line) => ({ lineId: line.lineId, accountCode: line.accountCode, amountCents: line.amountCents })),
    },
  };
}
