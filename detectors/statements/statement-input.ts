/** Input validation and ordered access to a statement's lines. */
import { InvalidStatementError } from './errors';
import type { Statement, StatementLine } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A line that carries an amount (anything but a header), with its amount narrowed to a number. */
export type AmountLine = StatementLine & { amountCents: number };

/**
 * Checks the input contract: ISO period dates and an integer-cent amount on every non-header line.
 * @throws InvalidStatementError naming the document, the line and the bad value.
 */
export function assertValidStatement(statement: Statement): void {
  for (const field of ['periodStart', 'periodEnd'] as const) {
    if (!ISO_DATE.test(statement[field])) {
      throw new InvalidStatementError(statement.documentId, `${field} ${JSON.stringify(statement[field])} is not an ISO date (YYYY-MM-DD)`);
    }
  }

  for (const line of statement.lines) {
    if (line.lineKind === 'header') continue;
    if (typeof line.amountCents !== 'number' || !Number.isSafeInteger(line.amountCents)) {
      throw new InvalidStatementError(
        statement.documentId,
        `line ${line.lineId} has amountCents ${String(line.amountCents)}; expected an integer number of cents`,
      );
    }
  }
}

/** The statement's lines in ascending position, headers included; the input array is not reordered. */
export function orderedLines(statement: Statement): StatementLine[] {
  return [...statement.lines].sort((a, b) => a.position - b.position);
}

export function hasAmount(line: StatementLine): line is AmountLine {
  return line.lineKind !== 'header' && typeof line.amountCents === 'number';
}

/** Amount lines in ascending position. */
export function amountLines(statement: Statement): AmountLine[] {
  return orderedLines(statement).filter(hasAmount);
}
