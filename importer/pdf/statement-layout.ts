/**
 * Finds the layout of a Yardi-style statement page: the page header (property,
 * title, period), the row of column labels and which column holds what.
 */
import type { DocumentType } from '../../domain/statements';
import { parsePeriodText, type PeriodRange } from '../period';
import { rowText, type Cell, type Row } from './rows';

export type ColumnRole = 'current' | 'year_to_date' | 'percent' | 'other';

export interface AmountColumn {
  role: ColumnRole;
  label: string;
  x0: number;
  x1: number;
}

export interface StatementHeader {
  documentType: DocumentType | null;
  title: string | null;
  propertyCode: string | null;
  propertyName: string | null;
  period: PeriodRange | null;
  periodText: string | null;
  book: string | null;
  tree: string | null;
}

/** Yardi account codes are two hyphenated digit groups ("4010-0000"); plain numbers are never read as codes. */
export const ACCOUNT_CODE = /^(\d{3,6}-\d{2,6})(?:\s+(.*))?$/;

const COLUMN_ROLES: Array<[RegExp, ColumnRole]> = [
  [/^%$|percent|% of/i, 'percent'],
  [/year[\s-]*to[\s-]*date|^ytd\b/i, 'year_to_date'],
  [/period[\s-]*to[\s-]*date|^ptd\b|current (period|month|balance)|month[\s-]*to[\s-]*date|^mtd\b|^balance$|^amount$|^actual$/i, 'current'],
  [/budget|variance|prior|beginning|ending|net change|debit|credit/i, 'other'],
];

const TITLES: Array<[RegExp, DocumentType]> = [
  [/balance sheet|statement of financial position/i, 'balance_sheet'],
  [/cash flow/i, 'cash_flow'],
  [/income statement|operating statement|profit (and|&) loss|statement of operations|12 month statement/i, 'income_statement'],
];

/** Matches rows printed in page footers: page numbers, print dates and times. */
const FOOTER = /^(page \d+( of \d+)?|[a-z]+day, [a-z]+ \d{1,2}, \d{4}|\d{1,2}:\d{2}( ?[ap]m)?|\d{1,2}\/\d{1,2}\/\d{4})$/i;

/** Returns the columns when `row` is a row of amount-column labels, else null. */
export function readColumnLabels(row: Row): AmountColumn[] | null {
  const columns = row.cells.map((cell) => ({ role: columnRole(cell.text), label: cell.text, x0: cell.x0, x1: cell.x1 }));
  const known = columns.filter((column): column is AmountColumn => column.role !== null);
  if (known.length !== columns.length || !known.some((column) => column.role === 'current' || column.role === 'year_to_date')) {
    return null;
  }
  return known;
}

function columnRole(text: string): ColumnRole | null {
  for (const [pattern, role] of COLUMN_ROLES) {
    if (pattern.test(text.trim())) {
      return role;
    }
  }
  return null;
}

/** Reads property, title, period, book and tree from the rows above the first column-label row. */
export function readStatementHeader(rows: Row[]): StatementHeader {
  const header: StatementHeader = {
    documentType: null,
    title: null,
    propertyCode: null,
    propertyName: null,
    period: null,
    periodText: null,
    book: null,
    tree: null,
  };

  for (const row of rows) {
    for (const cell of row.cells) {
      readHeaderCell(cell, header);
    }
  }
  return header;
}

function readHeaderCell(cell: Cell, header: StatementHeader): void {
  const text = cell.text.trim();

  const title = TITLES.find(([pattern]) => pattern.test(text));
  if (title && header.documentType === null && text.length <= 60) {
    header.documentType = title[1];
    header.title = text;
    return;
  }

  const period = /^(?:period|for the period|as of|month ending|period ending)\s*[=:]?\s*(.+)$/i.exec(text);
  if (period && header.period === null) {
    header.periodText = period[1]!.trim();
    header.period = parsePeriodText(header.periodText);
    return;
  }

  const book = /book\s*=\s*([^;]+?)\s*(?:;|$)/i.exec(text);
  const tree = /tree\s*=\s*(\S+)/i.exec(text);
  if (book || tree) {
    header.book ??= book?.[1] ?? null;
    header.tree ??= tree?.[1] ?? null;
    return;
  }

  // Yardi prints the property as "Name (code)" in the top-left corner.
  const property = /^(.+?)\s*\(([A-Za-z0-9._-]{2,20})\)$/.exec(text);
  if (property && header.propertyName === null) {
    header.propertyName = property[1]!.trim();
    header.propertyCode = property[2]!.toUpperCase();
  }
}

/** Returns true for page footers and other rows that carry no statement data. */
export function isFooterRow(row: Row): boolean {
  return row.cells.every((cell) => FOOTER.test(cell.text.trim())) || FOOTER.test(rowText(row).trim());
}
