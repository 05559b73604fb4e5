/**
 * Routes a statement file to its parser by content: PDF signature, then the
 * header rows of a CSV or XLSX table.
 */
import { UnrecognisedFileError } from './errors';
import { readTables, type Table } from './spreadsheet/read-table';
import { findRentRollHeader } from './spreadsheet/rent-roll';
import { detectSummaryKind } from './spreadsheet/summary-mappings';
import { findMonthHeader } from './spreadsheet/t12';

export type FileKind = 'statement_pdf' | 'monthly_statement' | 'rent_roll' | 'portfolio_summary';

const PDF_SIGNATURE = '%PDF-';

/**
 * Names the parser for a file. Spreadsheets are read once to inspect their
 * header rows, and the first sheet with a known layout decides.
 *
 * @throws UnrecognisedFileError when no parser fits, naming what was checked.
 */
export async function detectFileKind(fileName: string, bytes: Uint8Array): Promise<FileKind> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes(PDF_SIGNATURE)) {
    return 'statement_pdf';
  }
  if (!/\.(csv|txt|xlsx)$/i.test(fileName) && !head.startsWith('PK')) {
    throw new UnrecognisedFileError(fileName, 'not a PDF and not a .csv, .txt or .xlsx file');
  }

  const tables = await readTables(fileName, bytes);
  const kind = tables.map(tableKind).find((candidate) => candidate !== null);
  if (!kind) {
    throw new UnrecognisedFileError(fileName, 'no sheet has a rent roll header, a portfolio summary header or month columns');
  }
  return kind;
}

/** Returns the layout a table follows, or null. Summary headers are checked first because they may also contain month-like labels. */
export function tableKind(table: Table): FileKind | null {
  if (detectSummaryKind(table.rows[0] ?? []) !== null) return 'portfolio_summary';
  if (findRentRollHeader(table) !== null) return 'rent_roll';
  if (findMonthHeader(table) !== null) return 'monthly_statement';
  return null;
}
