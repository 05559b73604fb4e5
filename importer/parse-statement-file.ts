/**
 * One entry point that reads any supported statement file into documents.
 */
import type { ParsedDocument } from '../domain/statements';
import { detectFileKind, tableKind, type FileKind } from './detect-file-kind';
import { SpreadsheetFormatError } from './errors';
import { parseStatementPdf } from './pdf/parse-statement-pdf';
import { parsePortfolioSummary, type SummaryMapping, type SummaryResult } from './spreadsheet/portfolio-summary';
import { readTables, type Table } from './spreadsheet/read-table';
import { parseRentRoll, type RentRollOptions } from './spreadsheet/rent-roll';
import { CREFC_LOAN_PERIODIC, detectSummaryKind, fiscalYearFromFileName, nycCondoMapping } from './spreadsheet/summary-mappings';
import { parseMonthlyStatement, type MonthlyStatementOptions } from './spreadsheet/t12';

export interface ParseFileOptions extends MonthlyStatementOptions, RentRollOptions {
  /** Column mapping for a portfolio summary file. Default: the built-in mapping detected from the header. */
  summaryMapping?: SummaryMapping;
}

export interface ParsedFile {
  kind: FileKind;
  documents: ParsedDocument[];
  /** Summary rows that gave no document, for portfolio summary files. */
  skipped: SummaryResult['skipped'];
}

/**
 * Detects the kind of a file and parses it with the matching parser.
 *
 * @throws UnrecognisedFileError, PdfStatementError, SpreadsheetFormatError or
 *   AmountParseError, each naming the file or the value that failed.
 */
export async function parseStatementFile(fileName: string, bytes: Uint8Array, options: ParseFileOptions = {}): Promise<ParsedFile> {
  const kind = await detectFileKind(fileName, bytes);
  if (kind === 'statement_pdf') {
    return { kind, documents: [await parseStatementPdf(bytes, options.documentType ? { documentType: options.documentType } : {})], skipped: [] };
  }

  const tables = (await readTables(fileName, bytes)).filter((table) => tableKind(table) === kind);
  if (kind === 'rent_roll') {
    return { kind, documents: tables.flatMap((table) => parseRentRoll(table, options)), skipped: [] };
  }
  if (kind === 'monthly_statement') {
    return { kind, documents: tables.flatMap((table) => parseMonthlyStatement(table, options)), skipped: [] };
  }

  const results = tables.map((table) => parsePortfolioSummary(table, options.summaryMapping ?? builtInMapping(fileName, table)));
  return { kind, documents: results.flatMap((result) => result.documents), skipped: results.flatMap((result) => result.skipped) };
}

function builtInMapping(fileName: string, table: Table): SummaryMapping {
  if (detectSummaryKind(table.rows[0] ?? []) === 'crefc-loan-periodic') {
    return CREFC_LOAN_PERIODIC;
  }
  const period = fiscalYearFromFileName(fileName);
  if (!period) {
    throw new SpreadsheetFormatError(fileName, 'NYC condominium file name has no fiscal year such as "FY_2009_2010". Pass summaryMapping with a period');
  }
  return nycCondoMapping(period);
}
