/**
 * Imports statement files into PostgreSQL: each file is parsed, kept in the
 * content-addressed source store and stored in its own transaction.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { Knex } from '@mikro-orm/postgresql';

import type { MikroORM } from '../../db/orm';
import type { ParsedDocument } from '../../domain/statements';
import { parseStatementFile, type ParseFileOptions, type ParsedFile } from '../parse-statement-file';
import { collectFiles } from './collect-files';
import { NoStatementDataError } from './errors';
import type { DocumentImportResult, FileImportResult, FileImportStatus, ImportOptions, ImportReport } from './import-types';
import { recordFailure } from './record-failure';
import { keepSourceFile, sha256Hex } from './source-store';
import { storeDocuments } from './store-documents';

/**
 * Imports every file named by `inputs` (folders are recursed; README files
 * and hidden files are skipped). A file that cannot be read, parsed or stored is
 * reported `failed` and leaves one failed document row; the import goes on.
 *
 * @throws ImportInputError when an input does not exist, before any file is read.
 *   Database and source-store errors outside a file's own data also propagate.
 */
export async function importFiles(orm: MikroORM, inputs: string[], options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const files = await collectFiles(inputs);
  options.onStart?.(files);

  const knex = orm.em.getConnection().getKnex();
  const results: FileImportResult[] = [];
  for (const file of files) {
    const result = await importFile(knex, file, options);
    results.push(result);
    options.onFile?.(result);
  }
  return summarise(results, performance.now() - started);
}

/** Imports one file; see `importFiles`. */
export async function importFile(knex: Knex, file: string, options: ImportOptions): Promise<FileImportResult> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return fail(knex, file, null, `${file}: cannot read the file: ${messageOf(error)}`, options);
  }

  const sha256 = sha256Hex(bytes);
  await keepSourceFile(options.storeDir, sha256, bytes);

  let parsed: ParsedFile;
  try {
    parsed = await parseStatementFile(path.basename(file), bytes, parseOptions(options));
    if (parsed.documents.length === 0) {
      throw new NoStatementDataError(file, describeEmpty(parsed));
    }
  } catch (error) {
    return fail(knex, file, sha256, withFileName(file, error), options);
  }

  const documents = applyDocumentType(parsed.documents, options);
  try {
    const stored = await knex.transaction((trx) => storeDocuments(trx, { fileName: file, sha256, documents, options }));
    return { file, status: fileStatus(stored), documents: stored, sha256, notes: notesOf(parsed) };
  } catch (error) {
    return fail(knex, file, sha256, withFileName(file, error), options);
  }
}

async function fail(knex: Knex, file: string, sha256: string | null, message: string, options: ImportOptions): Promise<FileImportResult> {
  const document = await recordFailure(knex, { fileName: file, sha256, message, options });
  return { file, status: 'failed', documents: [document], sha256, error: message, notes: [] };
}

/** Builds the parser options. The monthly statement reader accepts only two types, so `applyDocumentType` sets any type after parsing. */
function parseOptions(options: ImportOptions): ParseFileOptions {
  const result: ParseFileOptions = {};
  if (options.propertyCode !== undefined) result.propertyCode = options.propertyCode;
  if (options.propertyName !== undefined) result.propertyName = options.propertyName;
  if (options.documentType === 'income_statement' || options.documentType === 'balance_sheet') {
    result.documentType = options.documentType;
  }
  return result;
}

function applyDocumentType(documents: ParsedDocument[], options: ImportOptions): ParsedDocument[] {
  const documentType = options.documentType;
  if (documentType === undefined) return documents;
  return documents.map((document) => ({ ...document, documentType }));
}

function describeEmpty(parsed: ParsedFile): string {
  if (parsed.skipped.length === 0) {
    return `the ${parsed.kind.replace('_', ' ')} has no statement lines`;
  }
  const first = parsed.skipped[0]!;
  return `all ${parsed.skipped.length} data rows were skipped (row ${first.row}: ${first.reason})`;
}

function notesOf(parsed: ParsedFile): string[] {
  if (parsed.skipped.length === 0) return [];
  const first = parsed.skipped[0]!;
  return [`${parsed.skipped.length} rows gave no document (first: row ${first.row}, ${first.reason})`];
}

/** Parser messages name the bare file name or only the value; the result names the path the user gave. */
function withFileName(file: string, error: unknown): string {
  const message = messageOf(error);
  return message.includes(path.basename(file)) ? message : `${file}: ${message}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function fileStatus(documents: DocumentImportResult[]): FileImportStatus {
  if (documents.some((document) => document.status === 'replaced')) return 'replaced';
  if (documents.some((document) => document.status === 'imported')) return 'imported';
  return 'unchanged';
}

function summarise(files: FileImportResult[], durationMs: number): ImportReport {
  const counts: Record<FileImportStatus, number> = { imported: 0, unchanged: 0, replaced: 0, failed: 0 };
  let documentCount = 0;
  let lineCount = 0;
  for (const file of files) {
    counts[file.status] += 1;
    if (file.status === 'failed') continue;
    documentCount += file.documents.length;
    lineCount += file.documents.reduce((sum, document) => sum + document.lineCount, 0);
  }
  return { files, counts, documentCount, lineCount, durationMs: Math.round(durationMs) };
}
