/**
 * Reads CSV and XLSX files into plain tables of cell text, so every
 * spreadsheet parser works on one shape whatever the file format.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { SpreadsheetFormatError } from '../errors';

/** One sheet (XLSX) or the whole file (CSV) as rows of trimmed cell text. */
export interface Table {
  name: string;
  rows: string[][];
}

/** Returns true when the bytes start with the ZIP signature that XLSX files carry. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads every sheet of an XLSX file, or the single table of a CSV file.
 *
 * @throws SpreadsheetFormatError when the bytes are not valid CSV or XLSX.
 */
export async function readTables(fileName: string, bytes: Uint8Array): Promise<Table[]> {
  if (isZip(bytes)) {
    return readWorkbook(fileName, bytes);
  }
  return [{ name: fileName, rows: readCsv(fileName, bytes) }];
}

/** Parses CSV text, keeping quoted newlines inside cells and dropping a leading byte-order mark. */
export function readCsv(fileName: string, bytes: Uint8Array): string[][] {
  try {
    const rows: string[][] = parse(Buffer.from(bytes), { bom: true, relax_column_count: true, skip_empty_lines: false });
    return rows.map((row) => row.map((cell) => cell.trim()));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SpreadsheetFormatError(fileName, `invalid CSV (${detail})`, { cause: error });
  }
}

async function readWorkbook(fileName: string, bytes: Uint8Array): Promise<Table[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SpreadsheetFormatError(fileName, `invalid XLSX workbook (${detail})`, { cause: error });
  }

  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let column = 1; column <= sheet.columnCount; column += 1) {
        cells.push(cellText(row.getCell(column).value));
      }
      rows[rowNumber - 1] = cells;
    });
    return { name: sheet.name, rows: Array.from(rows, (row) => row ?? []) };
  });
}

/**
 * Converts a cell value to text. Numbers use the shortest round-trip form,
 * dates become ISO dates, and formulas give their cached result.
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : value.toFixed(6).replace(/0+$/, '');
  }
  if (typeof value === 'string' || typeof value === 'boolean') {
    return String(value).trim();
  }
  if ('richText' in value) {
    return value.richText.map((part) => part.text).join('').trim();
  }
  if ('result' in value) {
    return cellText((value.result ?? null));
  }
  if ('error' in value) {
    // An error cell ("#REF!") stays visible, so the amount parser rejects it instead of reading zero.
    return String(value.error);
  }
  if ('text' in value) {
    return String(value.text).trim();
  }
  return '';
}
