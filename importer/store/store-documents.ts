/**
 * Stores the parsed documents of one file inside a transaction: new
 * documents are inserted, documents whose lines are already stored are left
 * alone, and changed ones get their lines replaced in place.
 */
import type { Knex } from '@mikro-orm/postgresql';

import type { ParsedDocument } from '../../domain/statements';
import type { DocumentImportResult, ImportOptions } from './import-types';
import { deleteLines, documentsWithSameLines, insertLines, replaceCoordinates } from './line-rows';
import { chunks, propertyCodeOf, resolveProperties } from './property-rows';

export interface StoreFileInput {
  /** Path shown in results and stored as `file_name`. */
  fileName: string;
  sha256: string;
  documents: ParsedDocument[];
  options: Pick<ImportOptions, 'propertyCode' | 'propertyName' | 'propertyGroup'>;
}

/** First key of the two-key advisory locks the import takes on properties; any constant works if no other code uses it. */
const PROPERTY_LOCK_SPACE = 7301;

interface ExistingDocument {
  id: number;
  file_sha256: string;
  key: string;
}

interface PlannedDocument {
  parsed: ParsedDocument;
  propertyId: number;
  propertyCode: string;
  existing: ExistingDocument | null;
}

/**
 * Stores the documents of one file and returns one result per document, in file order.
 *
 * A document is identified by property, type and period. A file may hold
 * several documents with the same identity (a summary file listing a property
 * twice), so the n-th such document of the file pairs with the n-th stored
 * one in id order.
 */
export async function storeDocuments(trx: Knex, input: StoreFileInput): Promise<DocumentImportResult[]> {
  const plan = await planDocuments(trx, input);

  const paired = plan.filter((item) => item.existing !== null);
  const unchanged = await documentsWithSameLines(
    trx,
    paired.map((item) => ({ documentId: item.existing!.id, parsed: item.parsed })),
  );
  const replaced = paired.filter((item) => !unchanged.has(item.existing!.id));
  const moved = paired.filter((item) => unchanged.has(item.existing!.id) && item.existing!.file_sha256 !== input.sha256);
  const fresh = plan.filter((item) => item.existing === null);

  await replaceDocuments(trx, input, replaced);
  await relinkDocuments(trx, input, moved);
  const freshIds = await insertDocuments(trx, input, fresh);
  await trx('document_uploads').where({ file_sha256: input.sha256, extraction_status: 'failed' }).delete();

  let freshIndex = 0;
  return plan.map((item): DocumentImportResult => {
    const documentId = item.existing?.id ?? freshIds[freshIndex++]!;
    const status = item.existing === null ? 'imported' : unchanged.has(item.existing.id) ? 'unchanged' : 'replaced';
    return resultOf(item, documentId, status);
  });
}

function resultOf(item: PlannedDocument, documentId: number, status: DocumentImportResult['status']): DocumentImportResult {
  const { parsed } = item;
  return {
    documentId,
    documentType: parsed.documentType,
    propertyCode: item.propertyCode,
    periodStart: parsed.periodStart,
    periodEnd: parsed.periodEnd,
    lineCount: parsed.lines.length,
    status,
  };
}

async function planDocuments(trx: Knex, input: StoreFileInput): Promise<PlannedDocument[]> {
  const propertyIds = await resolveProperties(trx, input.fileName, input.documents, input.options);
  await lockProperties(trx, [...propertyIds.values()]);
  const existing = await loadExisting(trx, [...propertyIds.values()], [...new Set(input.documents.map((document) => document.documentType))]);

  const occurrences = new Map<string, number>();
  return input.documents.map((parsed) => {
    const propertyCode = propertyCodeOf(parsed, input.options)!;
    const propertyId = propertyIds.get(propertyCode)!;
    const key = identityKey(propertyId, parsed.documentType, parsed.periodStart, parsed.periodEnd);
    const ordinal = occurrences.get(key) ?? 0;
    occurrences.set(key, ordinal + 1);
    return { parsed, propertyId, propertyCode, existing: existing.get(key)?.[ordinal] ?? null };
  });
}

/**
 * Takes a transaction-scoped advisory lock per property, in id order so two
 * imports cannot deadlock. Without it, two concurrent imports of the same
 * statement would both see no stored document and insert one each.
 */
async function lockProperties(trx: Knex, propertyIds: number[]): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?, id) from unnest(?::int[]) as id order by id', [PROPERTY_LOCK_SPACE, [...propertyIds].sort((a, b) => a - b)]);
}

function identityKey(propertyId: number, documentType: string, periodStart: string, periodEnd: string): string {
  return `${propertyId}|${documentType}|${periodStart}|${periodEnd}`;
}

/** Loads stored (not failed) documents of the properties and types, grouped by identity and sorted by id. */
async function loadExisting(trx: Knex, propertyIds: number[], documentTypes: string[]): Promise<Map<string, ExistingDocument[]>> {
  const byKey = new Map<string, ExistingDocument[]>();
  for (const chunk of chunks(propertyIds, 1000)) {
    const rows = await trx('document_uploads')
      .whereIn('property_id', chunk)
      .whereIn('document_type', documentTypes)
      .whereNot('extraction_status', 'failed')
      .orderBy('id')
      .select<Array<{ id: number; property_id: number; document_type: string; start: string; end: string; file_sha256: string }>>(
        'id',
        'property_id',
        'document_type',
        'file_sha256',
        trx.raw(`to_char(period_start, 'YYYY-MM-DD') as start`),
        trx.raw(`to_char(period_end, 'YYYY-MM-DD') as "end"`),
      );
    for (const row of rows) {
      const key = identityKey(row.property_id, row.document_type, row.start, row.end);
      const list = byKey.get(key) ?? [];
      list.push({ id: row.id, file_sha256: row.file_sha256, key });
      byKey.set(key, list);
    }
  }
  return byKey;
}

/** Replaces lines and coordinates in place, keeping the document id that detections and feedback point to. */
async function replaceDocuments(trx: Knex, input: StoreFileInput, replaced: PlannedDocument[]): Promise<void> {
  if (replaced.length === 0) return;

  const ids = replaced.map((item) => item.existing!.id);
  await deleteLines(trx, ids);
  for (const chunk of chunks(ids, 1000)) {
    await trx('document_uploads').whereIn('id', chunk).update({
      file_name: input.fileName,
      file_sha256: input.sha256,
      extraction_status: 'completed',
      extraction_error: null,
      upload_date: trx.fn.now(),
      reprocess_requested_at: trx.fn.now(),
    });
  }
  await insertLines(
    trx,
    replaced.map((item) => ({ documentId: item.existing!.id, parsed: item.parsed })),
  );
}

/**
 * Points documents whose lines did not change at the new source file, so a
 * re-extraction reads the newest bytes, and rewrites their coordinates,
 * which a re-exported PDF may move. Detection need not run again.
 */
async function relinkDocuments(trx: Knex, input: StoreFileInput, moved: PlannedDocument[]): Promise<void> {
  if (moved.length === 0) return;

  const ids = moved.map((item) => item.existing!.id);
  for (const chunk of chunks(ids, 1000)) {
    await trx('document_uploads').whereIn('id', chunk).update({ file_name: input.fileName, file_sha256: input.sha256 });
  }
  await replaceCoordinates(
    trx,
    moved.map((item) => ({ documentId: item.existing!.id, parsed: item.parsed })),
  );
}

/** Inserts the documents and their lines; returns the new ids in input order. */
async function insertDocuments(trx: Knex, input: StoreFileInput, fresh: PlannedDocument[]): Promise<number[]> {
  if (fresh.length === 0) return [];

  // Ids are drawn from the sequence first, so each parsed document gets its id without relying on RETURNING order.
  const drawn = await trx.raw<{ rows: Array<{ id: number }> }>(
    `select nextval(pg_get_serial_sequence('document_uploads', 'id'))::int as id from generate_series(1, ?)`,
    [fresh.length],
  );
  const ids = drawn.rows.map((row) => row.id);

  const rows = fresh.map((item, index) => ({
    id: ids[index]!,
    property_id: item.propertyId,
    document_type: item.parsed.documentType,
    period_start: item.parsed.periodStart,
    period_end: item.parsed.periodEnd,
    file_name: input.fileName,
    file_sha256: input.sha256,
    extraction_status: 'completed',
  }));
  for (const chunk of chunks(rows, 1000)) {
    await trx('document_uploads').insert(chunk);
  }

  await insertLines(
    trx,
    fresh.map((item, index) => ({ documentId: ids[index]!, parsed: item.parsed })),
  );
  return ids;
}
