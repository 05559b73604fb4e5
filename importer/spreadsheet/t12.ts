/**
 * Reads T-12 operating statements and month-end balance sheets laid out as
 * account code, account name, one column per month and an optional total,
 * into one document per month column.
 */
import type { DocumentType, ParsedDocument, ParsedLine } from '../../domain/statements';
import { parseAmount } from '../amount';
import { SpreadsheetFormatError } from '../errors';
import { lineKindOf, sectionFromCode } from '../pdf/statement-lines';
import { formatYearMonth, monthRange, parseMonthLabel, type YearMonth } from '../period';
import type { Table } from './read-table';

export interface MonthlyStatementOptions {
  /** Statement type. Default: read from a title line ("Balance Sheet", "Income Statement", "T-12"), else `income_statement`. */
  documentType?: 'income_statement' | 'balance_sheet';
  /** Property code. Default: read from a title line such as "Maple Court (MAPL01)" or "Property: MAPL01". */
  propertyCode?: string;
  propertyName?: string;
}

interface MonthColumn {
  index: number;
  label: string;
  month: YearMonth;
}

interface HeaderLayout {
  headerIndex: number;
  months: MonthColumn[];
  codeIndex: number | null;
  nameIndex: number;
  totalIndex: number | null;
}

/** Header rows are looked for among the first rows only, because title blocks are short. */
const HEADER_SEARCH_ROWS = 40;
const CODE = /^\d{3,6}(-\d{2,6})?$/;

/** Returns the header layout when the table has a row with at least two month columns, else null. */
export function findMonthHeader(table: Table): HeaderLayout | null {
  for (let index = 0; index < Math.min(table.rows.length, HEADER_SEARCH_ROWS); index += 1) {
    const row = table.rows[index]!;
    const months = row
      .map((text, column) => ({ index: column, label: text, month: parseMonthHeader(text) }))
      .filter((column): column is MonthColumn => column.month !== null);
    if (months.length >= 2) {
      return describeLayout(table, index, months);
    }
  }
  return null;
}

/** Parses a month header, accepting month labels and month-end dates such as Excel date cells. */
function parseMonthHeader(text: string): YearMonth | null {
  const iso = /^(\d{4})-(\d{2})-\d{2}$/.exec(text);
  return iso ? { year: Number(iso[1]), month: Number(iso[2]) } : parseMonthLabel(text);
}

function describeLayout(table: Table, headerIndex: number, months: MonthColumn[]): HeaderLayout {
  const header = table.rows[headerIndex]!;
  const firstMonth = months[0]!.index;
  const dataRows = table.rows.slice(headerIndex + 1);

  let codeIndex: number | null = null;
  for (let column = 0; column < firstMonth && codeIndex === null; column += 1) {
    if (dataRows.filter((row) => CODE.test(row[column] ?? '')).length >= Math.max(1, dataRows.length / 4)) {
      codeIndex = column;
    }
  }
  const namedColumn = header.findIndex((text, column) => column < firstMonth && column !== codeIndex && /name|description|account|line item/i.test(text));
  const nameIndex = namedColumn >= 0 ? namedColumn : codeIndex === 0 ? 1 : 0;
  const lastMonth = months[months.length - 1]!.index;
  const totalIndex = header.findIndex((text, column) => column > lastMonth && /total|ytd|year to date|12 month/i.test(text));

  return { headerIndex, months, codeIndex, nameIndex, totalIndex: totalIndex >= 0 ? totalIndex : null };
}

/**
 * Parses a monthly statement table into one document per month column.
 *
 * @throws SpreadsheetFormatError when no row has two month headers or no
 *   account rows follow it. AmountParseError (from `parseAmount`) names an unreadable cell.
 */
export function parseMonthlyStatement(table: Table, options: MonthlyStatementOptions = {}): ParsedDocument[] {
  const layout = findMonthHeader(table);
  if (!layout) {
    throw new SpreadsheetFormatError(table.name, 'no header row with month columns such as "Jan 2024", "2024-01" or "01/2024"');
  }

  const titleRows = table.rows.slice(0, layout.headerIndex).map((row) => row.filter((cell) => cell !== '').join(' '));
  const documentType = options.documentType ?? typeFromTitles(titleRows);
  const property = propertyFromTitles(titleRows);
  const rows = table.rows.slice(layout.headerIndex + 1).filter((row) => row.some((cell) => cell !== ''));
  if (rows.length === 0) {
    throw new SpreadsheetFormatError(table.name, 'header row has month columns but no account rows follow it');
  }

  return layout.months.map((column) => ({
    documentType,
    propertyCode: options.propertyCode ?? property.code,
    propertyName: options.propertyName ?? property.name,
    periodStart: monthRange(column.month).start,
    periodEnd: monthRange(column.month).end,
    lines: readMonthLines(rows, layout, column),
    attributes: { source: 'spreadsheet', sheet: table.name, column: column.label, month: formatYearMonth(column.month) },
  }));
}

function readMonthLines(rows: string[][], layout: HeaderLayout, column: MonthColumn): ParsedLine[] {
  let openSection: string | null = null;
  const lines: ParsedLine[] = [];

  for (const row of rows) {
    const code = layout.codeIndex === null ? null : row[layout.codeIndex] || null;
    const name = row[layout.nameIndex] ?? '';
    const isHeader = layout.months.every((month) => (row[month.index] ?? '') === '');
    if (code === null && /adjustment/i.test(name)) openSection = 'adjustments';
    if (code === null && /^cash flow/i.test(name)) openSection = 'cash_flow';
    const section = code === null ? openSection : openSection ?? sectionFromCode(code);

    if (isHeader) {
      lines.push({ accountCode: code, accountName: name, amount: null, lineKind: 'header', section });
      continue;
    }
    const parsed = parseAmount(row[column.index] ?? '');
    if (parsed.kind === 'percent') {
      continue;
    }
    const attributes: Record<string, unknown> = {};
    if (layout.totalIndex !== null && row[layout.totalIndex]) {
      attributes.totalColumnAmount = parseAmount(row[layout.totalIndex]!).value;
    }
    lines.push({ accountCode: code, accountName: name, amount: parsed.value, lineKind: lineKindOf(name), section, attributes });
  }
  return lines;
}

function typeFromTitles(titles: string[]): DocumentType {
  return titles.some((title) => /balance sheet/i.test(title)) ? 'balance_sheet' : 'income_statement';
}

function propertyFromTitles(titles: string[]): { code: string | null; name: string | null } {
  for (const title of titles) {
    const labelled = /property(?: code)?\s*[:=]\s*([A-Za-z0-9._-]+)/i.exec(title);
    if (labelled) {
      return { code: labelled[1]!.toUpperCase(), name: null };
    }
    const named = /^(.+?)\s*\(([A-Za-z0-9._-]{2,20})\)$/.exec(title);
    if (named) {
      return { code: named[2]!.toUpperCase(), name: named[1]!.trim() };
    }
  }
  return { code: null, name: null };
}
