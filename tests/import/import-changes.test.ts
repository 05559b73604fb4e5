/**
 * Import of changed, broken and anonymous files: lines replaced in place,
 * one failed row per broken file, and the property option.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Knex } from '@mikro-orm/postgresql';

import type { MikroORM } from '../../db/orm';
import { importFiles, runImport, ImportInputError, type ImportReport } from '../../importer/store';
import { buildPdf } from '../unit/importer/support/build-pdf';
import { openTestOrm } from '../support/database';

/** Builds a two-month T-12 for property MAPL01; `february` is the rent income of the second month. */
function t12(february: string, title = 'Maple Court Apartments (MAPL01)'): string {
  return [
    title,
    '12 Month Income Statement',
    'Account,Account Name,Jan 2024,Feb 2024,Total',
    '4010-0000,Rent Income,"10,000.00",' + february + ',"20,000.00"',
    '4990-0000,TOTAL INCOME,"10,000.00",' + february + ',"20,000.00"',
  ].join('\n');
}

let orm: MikroORM;
let knex: Knex;
let close: () => Promise<void>;
let storeDir: string;
let workDir: string;

beforeAll(async () => {
  ({ orm, close } = await openTestOrm('import_changes'));
  knex = orm.em.getConnection().getKnex();
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reims-store-'));
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reims-import-'));
});

afterAll(async () => {
  await close();
  fs.rmSync(storeDir, { recursive: true, force: true });
  fs.rmSync(workDir, { recursive: true, force: true });
});

function writeFile(name: string, content: string | Uint8Array): string {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function documentRows(file: string) {
  return knex('document_uploads').where({ file_name: file }).orderBy('id');
}

async function lineCount(documentId: number): Promise<number> {
  const [row] = await knex('financial_line_items').where({ document_upload_id: documentId }).count<Array<{ count: string }>>('* as count');
  return Number(row!.count);
}

describe('changed T-12 file', () => {
  let first: ImportReport;
  let second: ImportReport;
  let file: string;

  beforeAll(async () => {
    file = writeFile('mapl01-2024.csv', t12('"10,000.00"'));
    first = await importFiles(orm, [file], { storeDir });
    fs.writeFileSync(file, t12('"1,000.00"'));
    second = await importFiles(orm, [file], { storeDir });
  });

  test('first import stores two monthly documents', () => {
    expect(first.files[0]!.status).toBe('imported');
    expect(first.files[0]!.documents.map((document) => [document.periodStart, document.lineCount])).toEqual([
      ['2024-01-01', 2],
      ['2024-02-01', 2],
    ]);
  });

  test('changed month is replaced in place', () => {
    const [january, february] = second.files[0]!.documents;

    expect(second.files[0]!.status).toBe('replaced');
    expect(february!.status).toBe('replaced');
    expect(february!.documentId).toBe(first.files[0]!.documents[1]!.documentId);
    expect(january!.status).toBe('unchanged');
    expect(january!.documentId).toBe(first.files[0]!.documents[0]!.documentId);
  });

  test('replaced month requests reprocessing', async () => {
    const februaryId = second.files[0]!.documents[1]!.documentId;
    const row = await knex('document_uploads').where({ id: februaryId }).first();
    const amounts = await knex('financial_line_items').where({ document_upload_id: februaryId }).orderBy('line_number').pluck('amount');

    expect(amounts).toEqual(['1000.00', '1000.00']);
    expect(await lineCount(februaryId)).toBe(2);
    expect(row.reprocess_requested_at).not.toBeNull();
    expect(Date.now() - new Date(row.reprocess_requested_at).getTime()).toBeLessThan(60_000);
    expect(row.file_sha256).toBe(second.files[0]!.sha256);
    expect(row.extraction_status).toBe('completed');
  });

  test('unchanged month keeps its lines', async () => {
    const januaryId = second.files[0]!.documents[0]!.documentId;
    const row = await knex('document_uploads').where({ id: januaryId }).first();

    expect(row.reprocess_requested_at).toBeNull();
    expect(row.file_sha256).toBe(second.files[0]!.sha256);
    expect(await lineCount(januaryId)).toBe(2);
  });

  test('import adds no second document per month', async () => {
    const rows = await documentRows(file);
    expect(rows).toHaveLength(2);
  });
});

describe('broken files', () => {
  const header = [
    { x: 30, y: 760, text: 'The Crossings of Spring Hill (tcsh)' },
    { x: 30, y: 748, text: 'Balance Sheet' },
  ];
  const cases: Array<[string, () => Uint8Array | string, RegExp]> = [
    ['corrupt.pdf', () => '%PDF-1.4\nthis is not a PDF body at all', /corrupt\.pdf/],
    ['scan.pdf', () => buildPdf([]), /scan\.pdf/],
    ['locked.pdf', () => buildPdf(header, { encrypted: true }), /locked\.pdf/],
    ['photo.jpg', () => '\xff\xd8\xff\xe0 not a statement', /photo\.jpg.*not a PDF/],
  ];

  test.each(cases)('%s leaves one failed document and no lines', async (name, content, reason) => {
    const file = writeFile(name, content());

    const report = await importFiles(orm, [file], { storeDir });
    const result = report.files[0]!;
    const rows = await documentRows(file);

    expect(result.status).toBe('failed');
    expect(result.error).toMatch(reason);
    expect(rows).toHaveLength(1);
    expect(rows[0].extraction_status).toBe('failed');
    expect(rows[0].extraction_error).toBe(result.error);
    expect(rows[0].property_id).toBeNull();
    expect(await lineCount(rows[0].id)).toBe(0);
  });

  test.each(cases)('%s imported twice keeps one failed row', async (name, content) => {
    const file = writeFile(name, content());

    await importFiles(orm, [file], { storeDir });
    const again = await importFiles(orm, [file], { storeDir });

    expect(again.files[0]!.status).toBe('failed');
    expect(await documentRows(file)).toHaveLength(1);
  });

  test('image-only PDF names the reason', async () => {
    const file = writeFile('scan-only.pdf', buildPdf([]));
    const report = await importFiles(orm, [file], { storeDir });
    expect(report.files[0]!.error).toMatch(/scan-only\.pdf: .*(image|text)/i);
  });

  test('failed file keeps the given property', async () => {
    const file = writeFile('broken-with-property.pdf', '%PDF-1.4 broken');
    await importFiles(orm, [file], { storeDir, propertyCode: 'BRKN01', documentType: 'balance_sheet' });

    const [row] = await documentRows(file);
    const property = await knex('properties').where({ id: row.property_id }).first();
    expect(property.code).toBe('BRKN01');
    expect(row.document_type).toBe('balance_sheet');
  });
});

describe('property of a file', () => {
  test('T-12 without property code fails', async () => {
    const file = writeFile('no-property.csv', t12('"9,000.00"', 'Operating Statement'));

    const report = await importFiles(orm, [file], { storeDir });

    expect(report.files[0]!.status).toBe('failed');
    expect(report.files[0]!.error).toContain('no-property.csv: the file names no property code. Pass the property with --property CODE');
    expect(await documentRows(file)).toHaveLength(1);
  });

  test('propertyCode option imports the anonymous T-12', async () => {
    const file = writeFile('no-property-2.csv', t12('"9,500.00"', 'Operating Statement'));

    const report = await importFiles(orm, [file], { storeDir, propertyCode: 'OAK02', propertyName: 'Oak Terrace', propertyGroup: 'multifamily' });
    const property = await knex('properties').where({ code: 'OAK02' }).first();

    expect(report.files[0]!.status).toBe('imported');
    expect(report.files[0]!.documents.every((document) => document.propertyCode === 'OAK02')).toBe(true);
    expect(property).toMatchObject({ name: 'Oak Terrace', property_group: 'multifamily' });
  });

  test('missing input path is rejected before any import', async () => {
    const missing = path.join(workDir, 'does-not-exist');
    await expect(importFiles(orm, [missing], { storeDir })).rejects.toThrow(ImportInputError);
    await expect(importFiles(orm, [missing], { storeDir })).rejects.toThrow(`Invalid import input ${JSON.stringify(missing)}: no such file or folder`);
  });
});

describe('runImport', () => {
  test('runImport prints files and summary', async () => {
    const good = writeFile('print-good.csv', t12('"8,000.00"', 'Pine Ridge (PINE03)'));
    const bad = writeFile('print-bad.pdf', '%PDF-1.4 broken');
    const printed: string[] = [];

    const report = await runImport(orm, [good, bad], { storeDir }, (line) => printed.push(line));

    expect(report.counts).toEqual({ imported: 1, unchanged: 0, replaced: 0, failed: 1 });
    expect(printed).toHaveLength(3);
    expect(printed[0]).toMatch(/^imported +.*print-good\.csv: document \d+ income_statement PINE03 2024-01-01 to 2024-01-31, 2 lines; document \d+/);
    expect(printed[1]).toMatch(/^failed +.*print-bad\.pdf: .*\(document \d+\)$/);
    expect(printed[2]).toMatch(/^2 files: 1 imported, 0 unchanged, 0 replaced, 1 failed; 2 documents, 4 lines in \d+\.\d s$/);
  });
});
