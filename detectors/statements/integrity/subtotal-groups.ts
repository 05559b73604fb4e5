/**
 * Inference of which lines each subtotal and total sums.
 *
 * The statement is read in position order, keeping a list of open items:
 * detail lines and already-closed totals that no total has summed yet. A
 * total sums a suffix of that list, and then replaces it, so a grand total
 * sums its subtotals rather than their details. The suffix's start is, in
 * order of preference:
 *
 * 1. the start of the innermost open header (a header line opens a group,
 *    as "Current Assets" does on a Yardi balance sheet);
 * 2. without headers, the run of detail lines just above the total in the
 *    same section, or when the total directly follows another total, every
 *    open item of the same section above it;
 * 3. any other suffix whose sum ties within the rounding tolerance, shortest
 *    first — this recovers layouts where a header was not extracted. Under
 *    an open header only longer suffixes are tried, never a part of the
 *    header's group, so a duplicated line inside it cannot be left out.
 *
 * A total that ties with none keeps the members of rule 1 or 2 and is
 * reported as not tied.
 *
 * NOTE: without header lines, rule 3 can tie a total by leaving out a line
 * printed twice above it. Such a repeat is then not reported here, but the
 * duplicate-line check reports it. Header lines remove the ambiguity.
 *
 * A detail line named "Total …" that ties with the lines above it is taken
 * as a subtotal stored as a detail line (an extraction error): it is grouped
 * like a subtotal, so the totals above it still tie, and the group is marked
 * `printedAsDetail` for the totals check to report.
 */
import { isDifferenceLine } from '../account-classes';
import type { ResolvedStatementOptions } from '../options';
import { hasAmount, orderedLines, type AmountLine } from '../statement-input';
import { tiesWithinTolerance } from '../tolerance';
import type { Statement } from '../types';

export type MemberInference = 'header' | 'line_run' | 'matching_suffix';

export interface SubtotalGroup {
  total: AmountLine;
  /** The lines the total sums, nested totals standing for their own members. */
  members: AmountLine[];
  sumCents: number;
  tied: boolean;
  inferredBy: MemberInference;
  /** True when the total line is stored as a detail line. */
  printedAsDetail: boolean;
}

const TOTAL_NAME = /^total\b/i;

interface MemberChoice {
  start: number;
  tied: boolean;
  inferredBy: MemberInference;
}

/** Infers the members of every subtotal and total line; lines whose amount is a difference (NOI, net income, cash flow) are skipped. */
export function inferSubtotalGroups(statement: Statement, options: ResolvedStatementOptions): SubtotalGroup[] {
  const open: AmountLine[] = [];
  const headerStarts: number[] = [];
  const groups: SubtotalGroup[] = [];

  for (const line of orderedLines(statement)) {
    if (line.lineKind === 'header') {
      headerStarts.push(open.length);
      continue;
    }
    if (!hasAmount(line) || isDifferenceLine(line)) continue;
    const printedAsDetail = line.lineKind === 'detail';
    const choice = chooseMembers(line, open, headerStarts, options);
    if (printedAsDetail && !(TOTAL_NAME.test(line.accountName.trim()) && choice.tied && choice.start < open.length)) {
      open.push(line);
      continue;
    }

    const members = open.splice(choice.start);
    groups.push({ total: line, members, sumCents: sumCents(members), tied: choice.tied, inferredBy: choice.inferredBy, printedAsDetail });
    open.push(line);
    closeHeaders(headerStarts, choice.start);
  }

  return groups;
}

export function sumCents(lines: readonly AmountLine[]): number {
  return lines.reduce((sum, line) => sum + line.amountCents, 0);
}

function chooseMembers(total: AmountLine, open: AmountLine[], headerStarts: number[], options: ResolvedStatementOptions): MemberChoice {
  const headerStart = headerStarts.at(-1);
  const structural: MemberChoice =
    headerStart === undefined
      ? { start: lineRunStart(open, total.section), tied: false, inferredBy: 'line_run' }
      : { start: headerStart, tied: false, inferredBy: 'header' };

  if (ties(total, open, structural.start, options)) return { ...structural, tied: true };

  const firstCandidate = headerStart === undefined ? open.length - 1 : headerStart - 1;
  for (let start = firstCandidate; start >= 0; start -= 1) {
    if (start !== structural.start && ties(total, open, start, options)) {
      return { start, tied: true, inferredBy: 'matching_suffix' };
    }
  }

  return structural;
}

function ties(total: AmountLine, open: AmountLine[], start: number, options: ResolvedStatementOptions): boolean {
  const members = open.slice(start);
  return tiesWithinTolerance(sumCents(members) - total.amountCents, members.length, options);
}

/** Start of the trailing run of details in the section, else of all open items of the section. */
function lineRunStart(open: AmountLine[], section: string | null): number {
  const sameSection = (line: AmountLine): boolean => section === null || line.section === null || line.section === section;

  let start = open.length;
  while (start > 0 && open[start - 1]!.lineKind === 'detail' && sameSection(open[start - 1]!)) start -= 1;
  if (start < open.length) return start;

  while (start > 0 && sameSection(open[start - 1]!)) start -= 1;
  return start;
}

/** Closes the headers opened inside the summed suffix, and the one header the total ends. */
function closeHeaders(headerStarts: number[], start: number): void {
  while (headerStarts.length > 0 && headerStarts.at(-1)! > start) headerStarts.pop();
  if (headerStarts.at(-1) === start) headerStarts.pop();
}
