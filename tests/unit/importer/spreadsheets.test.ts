import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { detectFileKind } from '../../../importer/detect-file-kind';
import { AmountParseError, SpreadsheetFormatError, UnrecognisedFileError } from '../../../importer/errors';
import { parseStatementFile } from '../../../importer/parse-statement-file';
import { readRealDoc } from './support/page-text';

const csv = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));
const toCents = (value: string): bigint => BigInt(value.replace('.', ''));

describe('rent roll', () => {
  const bytes = readRealDoc('yardi-reims2', 'ESP_RentRoll_20250430_v1.csv');
  const records: Array<Record<string, string>> = parse(Buffer.from(bytes), { columns: true, bom: true });

  test('rent roll file is detected', async () => {
    await expect(detectFileKind('ESP_RentRoll_20250430_v1.csv', bytes)).resolves.toBe('rent_roll');
  });

  test('rent roll gives one line per unit', async () => {
    const { documents } = await parseStatementFile('ESP_RentRoll_20250430_v1.csv', bytes);

    expect(documents).toHaveLength(1);
    const [document] = documents;
    expect(document!.documentType).toBe('rent_roll');
    expect(document!.propertyCode).toBe('ESP');
    expect(document!.periodEnd).toBe('2025-04-30');
    expect(document!.lines).toHaveLength(records.length);
    expect(document!.lines.map((line) => line.accountCode)).toEqual(records.map((record) => record.unit_number));
  });

  test('rent roll totals match the raw CSV', async () => {
    const [document] = (await parseStatementFile('ESP_RentRoll_20250430_v1.csv', bytes)).documents;
    const expectedCents = records.reduce((sum, record) => sum + BigInt(Math.round(Number(record.monthly_rent || '0') * 100)), 0n);
    const parsedCents = document!.lines.reduce((sum, line) => sum + toCents(line.amount!), 0n);
    const expectedVacant = records.filter((record) => record.is_vacant === 'True').map((record) => record.unit_number);

    expect(parsedCents).toBe(expectedCents);
    expect(document!.lines.filter((line) => line.attributes?.vacant).map((line) => line.accountCode)).toEqual(expectedVacant);
    expect(expectedVacant).toHaveLength(4);
  });

  test('rent roll joins wrapped tenant names', async () => {
    const [document] = (await parseStatementFile('ESP_RentRoll_20250430_v1.csv', bytes)).documents;
    const unit140 = document!.lines.find((line) => line.accountCode === '140')!;

    expect(unit140.accountName).toBe('Ross Dress For Less, Inc. #0852');
    expect(unit140.attributes).toMatchObject({ tenantId: 't0000304', areaSqft: 30187, leaseFrom: '2005-10-01', leaseTo: '2031-01-31' });
  });
});

describe('portfolio summary', () => {
  test('NYC condo file gives one statement per row', async () => {
    const fileName = 'DOF__Condominium_Comparable_Rental_Income___Manhattan___FY_2009_2010.csv';
    const bytes = readRealDoc('nyc-dof-condo', fileName);
    const records: string[][] = parse(Buffer.from(bytes), { bom: true, relax_column_count: true });

    const result = await parseStatementFile(fileName, bytes);

    expect(result.kind).toBe('portfolio_summary');
    expect(result.documents).toHaveLength(records.length - 1);
    const first = result.documents[0]!;
    expect(first.propertyCode).toBe(records[1]![0]);
    expect(first.periodStart).toBe('2009-07-01');
    expect(first.lines).toEqual([{ accountCode: 'EGI', accountName: 'Estimated Gross Income', amount: `${records[1]![18]!.replace(/,/g, '')}.00`, lineKind: 'total', section: 'summary' }]);
  });

  test('CREFC file without financials skips every row', async () => {
    const bytes = readRealDoc('freddie-k59', 'FREMF_2016-K59_201701_PERIODIC.CSV');
    const records: string[][] = parse(Buffer.from(bytes), { relax_column_count: true });

    const result = await parseStatementFile('FREMF_2016-K59_201701_PERIODIC.CSV', bytes);

    expect(result.documents).toHaveLength(0);
    expect(result.skipped).toHaveLength(records.length - 1);
    expect(result.skipped[0]).toEqual({ row: 2, reason: 'no value in any mapped amount column' });
  });

  test('CREFC row with financials gives NOI', async () => {
    const header = 'Loan ID,Most Recent Revenue,Most Recent Operating Expenses,Most Recent NOI,Most Recent Financial As of Start Date,Most Recent Financial As of End Date';
    const revenue = 2_450_000.5;
    const expenses = 1_010_250.25;
    const bytes = csv(`${header}\n306941001,${revenue},${expenses},"1,439,750.25",20160101,20161231\n`);

    const { documents } = await parseStatementFile('loans.csv', bytes);

    expect(documents).toHaveLength(1);
    expect(documents[0]!.lines.find((line) => line.accountCode === 'NOI')!.amount).toBe((revenue - expenses).toFixed(2));
    expect(documents[0]!.periodEnd).toBe('2016-12-31');
  });
});

describe('monthly statements', () => {
  const t12 = [
    'Maple Court Apartments (MAPL01)',
    '12 Month Income Statement',
    'Account,Account Name,Jan 2024,2024-02,03/2024,April 2024,Total',
    ',INCOME,,,,,',
    '4010-0000,Rent Income,"10,000.00",10100.00,(50.00),$10200,"30,250.00"',
    '4990-0000,TOTAL INCOME,"10,000.00",10100.00,-50.00,10200.00,"30,250.00"',
  ].join('\n');

  test('T-12 CSV gives one statement per month', async () => {
    const { kind, documents } = await parseStatementFile('mapl01-2024.csv', csv(t12));

    expect(kind).toBe('monthly_statement');
    expect(documents.map((document) => document.periodStart)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01']);
    expect(documents[0]!.propertyCode).toBe('MAPL01');
    expect(documents[2]!.lines.map((line) => [line.accountCode, line.amount, line.lineKind])).toEqual([
      [null, null, 'header'],
      ['4010-0000', '-50.00', 'detail'],
      ['4990-0000', '-50.00', 'total'],
    ]);
  });

  test('balance sheet XLSX with date headers is read', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('BS');
    sheet.addRow(['Balance Sheet']);
    sheet.addRow(['Code', 'Name', new Date(Date.UTC(2024, 0, 31)), new Date(Date.UTC(2024, 1, 29))]);
    sheet.addRow(['0122-0000', 'Cash - Operating', 1500.25, 1.005]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const { documents } = await parseStatementFile('bs.xlsx', bytes);

    expect(documents.map((document) => document.documentType)).toEqual(['balance_sheet', 'balance_sheet']);
    expect(documents[1]!.periodEnd).toBe('2024-02-29');
    expect(documents.map((document) => document.lines[0]!.amount)).toEqual(['1500.25', '1.01']);
  });

  test('unreadable amount names the cell text', async () => {
    const bad = t12.replace('10100.00', 'ten thousand');
    await expect(parseStatementFile('bad.csv', csv(bad))).rejects.toThrow(AmountParseError);
    await expect(parseStatementFile('bad.csv', csv(bad))).rejects.toThrow('"ten thousand"');
  });
});

describe('detectFileKind', () => {
  test('unknown CSV raises UnrecognisedFileError', async () => {
    await expect(detectFileKind('notes.csv', csv('a,b\n1,2\n'))).rejects.toThrow(UnrecognisedFileError);
  });

  test('unknown extension raises UnrecognisedFileError', async () => {
    await expect(detectFileKind('photo.jpg', csv('\xff\xd8\xff'))).rejects.toThrow(/not a PDF/);
  });

  test('broken XLSX raises SpreadsheetFormatError', async () => {
    await expect(detectFileKind('broken.xlsx', csv('PK\u0003\u0004 not really a zip'))).rejects.toThrow(SpreadsheetFormatError);
  });
});
