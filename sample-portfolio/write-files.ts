/**
 * Writes sample statements as T-12 CSV or XLSX files with byte-stable output.
 */
import ExcelJS from 'exceljs';
import { formatCents } from '../importer/amount';

/** One printed row of a monthly statement file; a null value prints as a blank cell. */
export interface FileRow {
  code: string;
  name: string;
  values: Array<bigint | null>;
}

export interface StatementFile {
  title: string[];
  monthLabels: string[];
  rows: FileRow[];
  /** Adds a Total column; only meaningful for flows (income statements), not month-end balances. */
  totalColumn: boolean;
}

/** Fixed document date, so two runs with one seed write identical bytes. */
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));

function tableRows(file: StatementFile): string[][] {
  const header = ['Account Code', 'Account Name', ...file.monthLabels, ...(file.totalColumn ? ['Total'] : [])];
  const body = file.rows.map((row) => {
    const printed = row.values.map((value) => (value === null ? '' : formatCents(value)));
    if (!file.totalColumn) return [row.code, row.name, ...printed];
    const total = row.values.every((value) => value === null) ? '' : formatCents(row.values.reduce<bigint>((sum, value) => sum + (value ?? 0n), 0n));
    return [row.code, row.name, ...printed, total];
  });
  return [...file.title.map((line) => [line]), header, ...body];
}

const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function toCsv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((row) => row.map(quote).join(',')).join('\n') + '\n');
}

export function statementCsv(file: StatementFile): Buffer {
  return toCsv(tableRows(file));
}

export async function statementXlsx(file: StatementFile): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'sample-portfolio';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet('Statement');
  for (const row of tableRows(file)) {
    sheet.addRow(row.map((cell) => (/^-?\d+\.\d{2}$/.test(cell) ? Number(cell) : cell)));
  }
  return pinZipTimestamps(Buffer.from(await workbook.xlsx.writeBuffer()));
}

/**
 * Sets every ZIP entry's modification time to 1980-01-01 00:00, because
 * exceljs 4.4 zips with JSZip, which stamps entries with the current time.
 * Walks the central directory from the end-of-central-directory record.
 */
export function pinZipTimestamps(zip: Buffer): Buffer {
  const output = Buffer.from(zip);
  const endOfDirectory = output.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) {
    throw new Error('XLSX output has no ZIP end-of-central-directory record');
  }
  const entries = output.readUInt16LE(endOfDirectory + 10);
  let offset = output.readUInt32LE(endOfDirectory + 16);
  const dosDate = (1 << 5) | 1;

  for (let entry = 0; entry < entries; entry += 1) {
    output.writeUInt16LE(0, offset + 12);
    output.writeUInt16LE(dosDate, offset + 14);
    const localHeader = output.readUInt32LE(offset + 42);
    output.writeUInt16LE(0, localHeader + 10);
    output.writeUInt16LE(dosDate, localHeader + 12);
    offset += 46 + output.readUInt16LE(offset + 28) + output.readUInt16LE(offset + 30) + output.readUInt16LE(offset + 32);
  }
  return output;
}
