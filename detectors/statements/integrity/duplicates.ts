/**
 * integrity.duplicates: a detail line repeated in one statement — the same
 * section, account code, name (ignoring case and spacing) and non-zero
 * amount. Every repeat after the first is reported; the first occurrence is
 * taken as the real line.
 */
import { amountLines, type AmountLine } from '../statement-input';
import { formatCents } from '../tolerance';
import type { Finding, Statement } from '../types';

export function checkDuplicateLines(statement: Statement): Finding[] {
  const firstSeen = new Map<string, AmountLine>();
  const findings: Finding[] = [];

  for (const line of amountLines(statement)) {
    if (line.lineKind !== 'detail' || line.amountCents === 0) continue;

    const key = [line.section ?? '', line.accountCode ?? '', line.accountName.trim().replace(/\s+/g, ' ').toLowerCase(), line.amountCents].join('|');
    const first = firstSeen.get(key);
    if (!first) {
      firstSeen.set(key, line);
      continue;
    }

    findings.push({
      detector: 'integrity.duplicates',
      anomalyType: 'duplicate_line',
      severity: 'medium',
      score: 1,
      lineId: line.lineId,
      accountCode: line.accountCode,
      period: statement.periodEnd,
      actualCents: line.amountCents,
      expectedCents: null,
      message: `${line.accountName} (${formatCents(line.amountCents)}) appears again with the same code and amount as line ${first.lineId}.`,
      details: { firstLineId: first.lineId, firstPosition: first.position, position: line.position },
    });
  }

  return findings;
}
