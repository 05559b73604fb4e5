/** Look-ups of the derived lines (totals, NOI, net income) and of class sums over detail lines. */
import { classifyAccount, derivedLineRole, type AccountClass, type DerivedLineRole } from '../account-classes';
import type { AmountLine } from '../statement-input';

/** Sections whose lines restate balance-sheet movements on an income statement and so belong to no income class. */
const NON_OPERATING_SECTIONS = new Set(['adjustments', 'cash_flow']);

/** One side of a tie: an amount and how many printed lines it was built from. */
export interface TieTerm {
  cents: number;
  termCount: number;
  source: 'line' | 'detail_sum';
  lineId: string | null;
}

// Roles printed as plain lines in some exports; a sum total printed as a detail line is an extraction error instead.
const ROLES_ON_ANY_LINE_KIND = new Set<DerivedLineRole>(['net_operating_income', 'net_income', 'current_period_earnings']);

/** The last line with `role` positioned before `beforePosition` (all lines when it is omitted). */
export function findRoleLine(lines: readonly AmountLine[], role: DerivedLineRole, beforePosition = Infinity): AmountLine | null {
  const kindAllowed = (line: AmountLine): boolean => line.lineKind !== 'detail' || ROLES_ON_ANY_LINE_KIND.has(role);

  let found: AmountLine | null = null;
  for (const line of lines) {
    if (line.position < beforePosition && kindAllowed(line) && derivedLineRole(line) === role) found = line;
  }
  return found;
}

export function isOperatingLine(line: AmountLine): boolean {
  return line.section === null || !NON_OPERATING_SECTIONS.has(line.section.toLowerCase());
}

/** Sums the detail lines of one account class, leaving out adjustments and cash-flow sections. */
export function sumDetailsOfClass(lines: readonly AmountLine[], accountClass: AccountClass, range?: { after: number; before: number }): TieTerm {
  const members = lines.filter(
    (line) =>
      line.lineKind === 'detail' &&
      isOperatingLine(line) &&
      classifyAccount(line) === accountClass &&
      (range === undefined || (line.position > range.after && line.position < range.before)),
  );
  return {
    cents: members.reduce((sum, line) => sum + line.amountCents, 0),
    termCount: members.length,
    source: 'detail_sum',
    lineId: null,
  };
}

export function lineTerm(line: AmountLine): TieTerm {
  return { cents: line.amountCents, termCount: 1, source: 'line', lineId: line.lineId };
}

/** The printed line for `role` when there is one, else the sum of the class's detail lines. */
export function termOrDetailSum(lines: readonly AmountLine[], role: DerivedLineRole, accountClass: AccountClass, beforePosition = Infinity): TieTerm {
  const line = findRoleLine(lines, role, beforePosition);
  return line ? lineTerm(line) : sumDetailsOfClass(lines, accountClass);
}
