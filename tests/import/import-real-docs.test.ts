/**
 * Imports the real statement files into PostgreSQL and checks the stored rows
 * against what the parser reads from the same files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Knex } from '@mikro-orm/postgresql';

import type { MikroORM } from '../../db/orm';
import { parseStatementFile } from '../../importer/parse-statement-file';
import { importFiles, sha256Hex, sourceFilePath, type FileImportResult, type ImportReport } from '../../importer/store';
import { openTestOrm } from '../support/database';

const REAL_DOCS = path.resolve(__dirname, '../../../shared/real-docs');
const YARDI = path.join(REAL_DOCS, 'yardi-reims2');

async function countRows(knex: Knex): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['properties', 'document_uploads', 'financial_line_items', 'pdf_field_coordinates']) {
    const [row] = await knex(table).count<Array<{ count: string }>>('* as count');
    counts[table] = Number(row!.count);
  }
  return counts;
}

function resultFor(report: ImportReport, fileName: string): FileImportResult {
  const result = report.files.find((file) => path.basename(file.file) === fileName);
  if (!result) throw new Error(`no result for ${fileName}`);
  return result;
}

describe('importing yardi-reims2', () => {
  let orm: MikroORM;
  let knex: Knex;
  let close: () => Promise<void>;
  let storeDir: string;
  let first: ImportReport;

  beforeAll(async () => {
    ({ orm, close } = await openTestOrm('import_yardi'));
    knex = orm.em.getConnection().getKnex();
    storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reims-store-'));
    first = await importFiles(orm, [YARDI], { storeDir });
  });

  afterAll(async () => {
    await close();
    fs.rmSync(storeDir, { recursive: true, force: true });
  });

  test('folder import skips README.md', () => {
    expect(first.files.map((file) => [path.basename(file.file), file.status])).toEqual([
      ['ESP_RentRoll_20250430_v1.csv', 'imported'],
      ['ESP_Summary_20250430_v1.csv', 'failed'],
      ['seed_accounts_list.csv', 'failed'],
      ['TCSH_2021_Balance_Sheet.pdf', 'imported'],
      ['TCSH_2021_Income_Statement.pdf', 'imported'],
    ]);
  });

  test.each([
    ['TCSH_2021_Balance_Sheet.pdf', 'balance_sheet', 'TCSH', '2021-12-01', '2021-12-31'],
    ['TCSH_2021_Income_Statement.pdf', 'income_statement', 'TCSH', '2021-01-01', '2021-12-31'],
    ['ESP_RentRoll_20250430_v1.csv', 'rent_roll', 'ESP', '2025-04-30', '2025-04-30'],
  ])('%s stores as many lines as the parser reads', async (fileName, documentType, propertyCode, periodStart, periodEnd) => {
    const parsed = await parseStatementFile(fileName, fs.readFileSync(path.join(YARDI, fileName)));
    const [document] = resultFor(first, fileName).documents;

    expect(document).toMatchObject({ documentType, propertyCode, periodStart, periodEnd, status: 'imported' });
    expect(document!.lineCount).toBe(parsed.documents[0]!.lines.length);
    const [row] = await knex('financial_line_items').where({ document_upload_id: document!.documentId }).count<Array<{ count: string }>>('* as count');
    expect(Number(row!.count)).toBe(parsed.documents[0]!.lines.length);
  });

  test('balance sheet lines and coordinates', async () => {
    const fileName = 'TCSH_2021_Balance_Sheet.pdf';
    const parsed = (await parseStatementFile(fileName, fs.readFileSync(path.join(YARDI, fileName)))).documents[0]!;
    const documentId = resultFor(first, fileName).documents[0]!.documentId;

    const lines = await knex('financial_line_items').where({ document_upload_id: documentId }).orderBy('line_number').select('id', 'line_number', 'account_code', 'amount');
    expect(lines.map((line) => line.amount)).toEqual(parsed.lines.map((line) => line.amount));
    expect(lines.map((line) => line.line_number)).toEqual(parsed.lines.map((_line, index) => index + 1));

    const coordinates = await knex('pdf_field_coordinates').where({ document_upload_id: documentId }).orderBy('record_id');
    const boxed = parsed.lines.filter((line) => line.box !== undefined);
    expect(coordinates).toHaveLength(boxed.length);
    expect(boxed.length).toBe(parsed.lines.filter((line) => line.amount !== null).length);

    const firstBoxed = parsed.lines.findIndex((line) => line.box !== undefined);
    const coordinate = coordinates.find((row) => row.record_id === lines[firstBoxed]!.id);
    expect(coordinate).toMatchObject({ table_name: 'financial_line_items', field_name: 'amount', column_type: 'current', page_number: 1 });
    expect(coordinate.matched_text).toBe(parsed.lines[firstBoxed]!.box!.matchedText);
    expect(Number(coordinate.x0)).toBeCloseTo(parsed.lines[firstBoxed]!.box!.x0, 4);
    expect(coordinate.confidence).toBe('0.9800');
  });

  test('property TCSH created once', async () => {
    const properties = await knex('properties').where({ code: 'TCSH' });
    expect(properties).toHaveLength(1);
    expect(properties[0].name).toBe('The Crossings of Spring Hill');
  });

  test('unrecognised summary file leaves one failed document', async () => {
    const result = resultFor(first, 'ESP_Summary_20250430_v1.csv');
    expect(result.error).toMatch(/ESP_Summary_20250430_v1\.csv.*no sheet has a rent roll header/);

    const rows = await knex('document_uploads').where({ file_name: result.file });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ extraction_status: 'failed', property_id: null, extraction_error: result.error });
  });

  test('source files are kept under their SHA-256', () => {
    const bytes = fs.readFileSync(path.join(YARDI, 'TCSH_2021_Income_Statement.pdf'));
    const stored = sourceFilePath(storeDir, sha256Hex(bytes));

    expect(path.relative(storeDir, stored)).toBe(path.join(sha256Hex(bytes).slice(0, 2), sha256Hex(bytes)));
    expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
  });

  test('re-import reports unchanged and adds no rows', async () => {
    const before = await countRows(knex);
    const again = await importFiles(orm, [YARDI], { storeDir });

    expect(again.counts).toEqual({ imported: 0, unchanged: 3, replaced: 0, failed: 2 });
    expect(again.files.flatMap((file) => file.documents.map((document) => document.documentId))).toEqual(
      first.files.flatMap((file) => file.documents.map((document) => document.documentId)),
    );
    expect(await countRows(knex)).toEqual(before);
  });
});

describe('importing all of real-docs', () => {
  let orm: MikroORM;
  let knex: Knex;
  let close: () => Promise<void>;
  let storeDir: string;
  let report: ImportReport;

  beforeAll(async () => {
    ({ orm, close } = await openTestOrm('import_all_real'));
    knex = orm.em.getConnection().getKnex();
    storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reims-store-'));
    report = await importFiles(orm, [REAL_DOCS], { storeDir });
  });

  afterAll(async () => {
    await close();
    fs.rmSync(storeDir, { recursive: true, force: true });
  });

  test('whole folder imports in one call', async () => {
    console.info(`real-docs import: ${report.files.length} files, ${report.documentCount} documents, ${report.lineCount} lines in ${report.durationMs} ms`);

    expect(report.files).toHaveLength(7);
    expect(report.counts).toEqual({ imported: 4, unchanged: 0, replaced: 0, failed: 3 });
    expect(report.documentCount).toBe(1068 + 3);
    const [row] = await knex('document_uploads').where({ extraction_status: 'completed' }).count<Array<{ count: string }>>('* as count');
    expect(Number(row!.count)).toBe(1068 + 3);
  });

  test('NYC condominium file gives 1,068 documents', async () => {
    const nyc = report.files.find((file) => file.file.includes('nyc-dof-condo'))!;
    expect(nyc.status).toBe('imported');
    expect(nyc.documents).toHaveLength(1068);
    expect(new Set(nyc.documents.map((document) => document.documentId)).size).toBe(1068);

    const [row] = await knex('financial_line_items').whereIn('document_upload_id', nyc.documents.map((document) => document.documentId)).count<Array<{ count: string }>>('* as count');
    expect(Number(row!.count)).toBe(nyc.documents.reduce((sum, document) => sum + document.lineCount, 0));
  });

  test('Freddie file with empty financial cells fails with its reason', async () => {
    const freddie = report.files.find((file) => file.file.endsWith('FREMF_2016-K59_201701_PERIODIC.CSV'))!;

    expect(freddie.status).toBe('failed');
    expect(freddie.error).toContain('FREMF_2016-K59_201701_PERIODIC.CSV: no statement data to import: all 67 data rows were skipped');
    const rows = await knex('document_uploads').where({ file_name: freddie.file });
    expect(rows).toHaveLength(1);
    expect(rows[0].extraction_status).toBe('failed');
  });

  test('second import of real-docs changes nothing', async () => {
    const before = await countRows(knex);
    const again = await importFiles(orm, [REAL_DOCS], { storeDir });

    expect(again.counts).toEqual({ imported: 0, unchanged: 4, replaced: 0, failed: 3 });
    expect(await countRows(knex)).toEqual(before);
  });
});
