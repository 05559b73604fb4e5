/**
 * Reads portfolio summary files (one row per property and period with
 * revenue, expenses, NOI…) through a column mapping into `income_statement`
 * documents made of summary lines.
 */
import type { LineKind, ParsedDocument, ParsedLine, PropertyGroup } from '../../domain/statements';
import { parseAmount } from '../amount';
import { SpreadsheetFormatError } from '../errors';
import { parseDateText, type PeriodRange } from '../period';
import type { Table } from './read-table';

/** Column mapping from a summary file to documents. Column names match after trimming, collapsing spaces and ignoring case. */
export interface SummaryMapping {
  name: string;
  propertyCodeColumn: string;
  propertyNameColumn?: string;
  propertyGroup?: PropertyGroup;
  /** Columns holding the period's first and last day (YYYY-MM-DD, YYYYMMDD or M/D/YYYY). */
  periodStartColumn?: string;
  periodEndColumn?: string;
  /** Period for files that have no period columns. */
  period?: PeriodRange;
  /** Summary lines. A column missing from the file is skipped, so one mapping can serve several releases of a file. */
  lines: Array<{ accountCode: string; accountName: string; column: string; lineKind?: LineKind }>;
  /** Columns copied into the document attributes as text. */
  attributeColumns?: string[];
}

export interface SummaryResult {
  mapping: string;
  rowCount: number;
  documents: ParsedDocument[];
  /** Rows that produced no document, with the 1-based row number in the file and the reason. */
  skipped: Array<{ row: number; reason: string }>;
}

/**
 * Parses every data row of a summary file. A row with no value in any mapped
 * line column is skipped with a reason, never stored as zeros.
 *
 * @throws SpreadsheetFormatError when the mapping's property column is absent,
 *   or the mapping gives no period. AmountParseError names an unreadable cell.
 */
export function parsePortfolioSummary(table: Table, mapping: SummaryMapping): SummaryResult {
  const header = table.rows[0] ?? [];
  const column = (name: string | undefined): number => (name === undefined ? -1 : header.findIndex((text) => normalise(text) === normalise(name)));
  const codeColumn = column(mapping.propertyCodeColumn);
  if (codeColumn < 0) {
    throw new SpreadsheetFormatError(table.name, `mapping "${mapping.name}" expects a column "${mapping.propertyCodeColumn}", which the header lacks`);
  }
  if (!mapping.period && (column(mapping.periodStartColumn) < 0 || column(mapping.periodEndColumn) < 0)) {
    throw new SpreadsheetFormatError(table.name, `mapping "${mapping.name}" has no period. Set period, or both periodStartColumn and periodEndColumn`);
  }

  const lineColumns = mapping.lines.map((line) => ({ ...line, index: column(line.column) })).filter((line) => line.index >= 0);
  const result: SummaryResult = { mapping: mapping.name, rowCount: 0, documents: [], skipped: [] };

  table.rows.slice(1).forEach((row, offset) => {
    if (row.every((cell) => cell === '')) return;
    result.rowCount += 1;
    const rowNumber = offset + 2;
    const cell = (index: number): string => (index < 0 ? '' : (row[index] ?? '').trim());

    const lines: ParsedLine[] = lineColumns
      .filter((line) => cell(line.index) !== '')
      .map((line) => ({
        accountCode: line.accountCode,
        accountName: line.accountName,
        amount: readSummaryAmount(cell(line.index), line.column, rowNumber),
        lineKind: line.lineKind ?? 'total',
        section: 'summary',
      }));
    const period = mapping.period ?? readPeriod(cell(column(mapping.periodStartColumn)), cell(column(mapping.periodEndColumn)));
    if (lines.length === 0 || !period) {
      result.skipped.push({ row: rowNumber, reason: lines.length === 0 ? 'no value in any mapped amount column' : 'missing or invalid period dates' });
      return;
    }

    const attributes: Record<string, unknown> = { source: 'portfolio_summary', mapping: mapping.name, row: rowNumber };
    for (const name of mapping.attributeColumns ?? []) {
      attributes[name] = cell(column(name));
    }
    result.documents.push({
      documentType: 'income_statement',
      propertyCode: cell(codeColumn),
      propertyName: cell(column(mapping.propertyNameColumn)) || null,
      propertyGroup: mapping.propertyGroup ?? null,
      periodStart: period.start,
      periodEnd: period.end,
      lines,
      attributes,
    });
  });
  return result;
}

function readSummaryAmount(text: string, column: string, row: number): string {
  const parsed = parseAmount(text);
  if (parsed.kind === 'percent') {
    throw new SpreadsheetFormatError('summary', `row ${row} column "${column}" contains a percentage (${text}), but the mapping expects an amount`);
  }
  return parsed.value;
}

function readPeriod(startText: string, endText: string): PeriodRange | null {
  const start = readDate(startText);
  const end = readDate(endText);
  return start && end ? { start, end } : null;
}

function readDate(text: string): string | null {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return compact ? `${compact[1]!}-${compact[2]!}-${compact[3]!}` : parseDateText(text);
}

export function normalise(header: string): string {
  return header.replace(/^\ufeff/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
