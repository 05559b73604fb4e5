/**
 * Reads a Yardi-style statement PDF (balance sheet, income statement with
 * below-NOI, adjustments and cash-flow parts) that has a text layer.
 */
import type { DocumentType, ParsedDocument, ParsedLine } from '../../domain/statements';
import { PdfStatementError } from '../errors';
import { groupRows, type Row } from './rows';
import { readLine, type LineContext } from './statement-lines';
import { isFooterRow, readColumnLabels, readStatementHeader, type AmountColumn } from './statement-layout';
import { readTextLayer } from './text-layer';

export interface StatementPdfOptions {
  /** Document type to use when the page header has no recognisable title. Default: inferred from the account codes. */
  documentType?: DocumentType;
}

/**
 * Parses one statement PDF into one document.
 *
 * NOTE: reads one current-period and one year-to-date column per row. A
 * multi-month layout (a T-12 printed to PDF) keeps only the first month and
 * would need one document per month column, as the spreadsheet reader does.
 *
 * @throws PdfStatementError `encrypted`, `image_only`, `corrupt`, or
 *   `unrecognised` when no account lines or no statement period are found.
 */
export async function parseStatementPdf(bytes: Uint8Array, options: StatementPdfOptions = {}): Promise<ParsedDocument> {
  const pages = await readTextLayer(bytes);
  const rows = groupRows(pages);
  const { headerRows, bodyRows, columns } = splitPages(rows);

  const header = readStatementHeader(headerRows);
  const context: LineContext = { columns, openSection: null };
  const lines = bodyRows
    .filter((row) => !isFooterRow(row))
    .map((row) => readLine(row, context))
    .filter((line): line is ParsedLine => line !== null);

  const coded = lines.filter((line) => line.accountCode !== null);
  if (coded.length === 0) {
    throw new PdfStatementError('unrecognised', 'PDF has text but no account lines such as "4010-0000 Base Rentals 1,234.56".');
  }
  if (header.period === null) {
    const found = header.periodText === null ? 'none found' : `found ${JSON.stringify(header.periodText)}`;
    throw new PdfStatementError('unrecognised', `PDF statement header has no readable period such as "Period = Dec 2021" (${found}).`);
  }

  return {
    documentType: header.documentType ?? options.documentType ?? inferDocumentType(coded),
    propertyCode: header.propertyCode,
    propertyName: header.propertyName,
    periodStart: header.period.start,
    periodEnd: header.period.end,
    lines,
    attributes: { source: 'pdf', title: header.title, periodText: header.periodText, book: header.book, tree: header.tree, pageCount: pages.length },
  };
}

/**
 * Splits rows into page-header rows (above each page's column-label row) and
 * body rows. A page without a label row starts its body at its first account code.
 */
function splitPages(rows: Row[]): { headerRows: Row[]; bodyRows: Row[]; columns: AmountColumn[] } {
  const headerRows: Row[] = [];
  const bodyRows: Row[] = [];
  let columns: AmountColumn[] = [];

  for (const pageNumber of new Set(rows.map((row) => row.pageNumber))) {
    const pageRows = rows.filter((row) => row.pageNumber === pageNumber);
    const labelIndex = pageRows.findIndex((row) => readColumnLabels(row) !== null);
    const bodyStart = labelIndex >= 0 ? labelIndex + 1 : Math.max(0, pageRows.findIndex((row) => /^\d{3,6}-\d{2,6}/.test(row.cells[0]?.text ?? '')));

    if (labelIndex >= 0 && columns.length === 0) {
      columns = readColumnLabels(pageRows[labelIndex]!)!;
    }
    headerRows.push(...pageRows.slice(0, labelIndex >= 0 ? labelIndex : bodyStart));
    bodyRows.push(...pageRows.slice(bodyStart));
  }
  return { headerRows, bodyRows, columns };
}

function inferDocumentType(lines: ParsedLine[]): DocumentType {
  const balanceSheetLines = lines.filter((line) => Number(line.accountCode!.slice(0, 4)) < 4000).length;
  return balanceSheetLines > lines.length / 2 ? 'balance_sheet' : 'income_statement';
}
