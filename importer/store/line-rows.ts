/**
 * Writes and compares the rows a stored document owns: its
 * `financial_line_items` and the `pdf_field_coordinates` of their amounts.
 */
import type { Knex } from '@mikro-orm/postgresql';

import type { ParsedDocument, ParsedLine } from '../../domain/statements';
import { chunks } from './property-rows';

/** Rows per INSERT: 9 columns × 1,000 rows stays far below PostgreSQL's bind-parameter limit. */
const BATCH_SIZE = 1000;

/**
 * Column of the stored `amount` on the page. The PDF reader always takes
 * `amount` from the current-period column; year-to-date and other columns go
 * to the line's attributes without a box.
 */
const AMOUNT_COLUMN_TYPE = 'current';

interface StoredLine {
  document_upload_id: number;
  line_number: number;
  account_code: string | null;
  account_name: string;
  amount: string | null;
  line_kind: string;
  section: string | null;
  attributes: unknown;
}

/** Inserts the lines of each document (line_number = order from 1) and the coordinates of every line that has a box. */
export async function insertLines(trx: Knex, documents: Array<{ documentId: number; parsed: ParsedDocument }>): Promise<void> {
  const rows = documents.flatMap(({ documentId, parsed }) => parsed.lines.map((line, index) => lineRow(documentId, index + 1, line)));
  for (const chunk of chunks(rows, BATCH_SIZE)) {
    await trx('financial_line_items').insert(chunk);
  }

  const withBoxes = documents.filter(({ parsed }) => parsed.lines.some((line) => line.box !== undefined));
  if (withBoxes.length > 0) {
    await insertCoordinates(trx, withBoxes);
  }
}

function lineRow(documentId: number, lineNumber: number, line: ParsedLine) {
  return {
    document_upload_id: documentId,
    line_number: lineNumber,
    account_code: line.accountCode,
    account_name: line.accountName,
    amount: line.amount,
    line_kind: line.lineKind,
    section: line.section,
    attributes: line.attributes === undefined ? null : JSON.stringify(line.attributes),
  };
}

/** Line ids come from a query by (document, line number) rather than from RETURNING order, which SQL does not promise. */
async function insertCoordinates(trx: Knex, documents: Array<{ documentId: number; parsed: ParsedDocument }>): Promise<void> {
  const stored = await trx('financial_line_items')
    .whereIn(
      'document_upload_id',
      documents.map(({ documentId }) => documentId),
    )
    .select<Array<{ id: number; document_upload_id: number; line_number: number }>>('id', 'document_upload_id', 'line_number');
  const lineIds = new Map(stored.map((row) => [`${row.document_upload_id}:${row.line_number}`, row.id]));

  const rows = documents.flatMap(({ documentId, parsed }) =>
    parsed.lines.flatMap((line, index) => {
      const recordId = lineIds.get(`${documentId}:${index + 1}`);
      return line.box && recordId !== undefined ? [coordinateRow(documentId, recordId, line)] : [];
    }),
  );
  for (const chunk of chunks(rows, BATCH_SIZE)) {
    await trx('pdf_field_coordinates').insert(chunk);
  }
}

function coordinateRow(documentId: number, recordId: number, line: ParsedLine) {
  const box = line.box!;
  return {
    document_upload_id: documentId,
    table_name: 'financial_line_items',
    record_id: recordId,
    field_name: 'amount',
    column_type: AMOUNT_COLUMN_TYPE,
    page_number: box.pageNumber,
    x0: box.x0.toFixed(4),
    y0: box.y0.toFixed(4),
    x1: box.x1.toFixed(4),
    y1: box.y1.toFixed(4),
    extraction_method: box.extractionMethod.slice(0, 50),
    confidence: box.confidence.toFixed(4),
    matched_text: box.matchedText.slice(0, 500),
  };
}

/** Deletes and re-inserts the coordinates of documents whose lines stay as stored. */
export async function replaceCoordinates(trx: Knex, documents: Array<{ documentId: number; parsed: ParsedDocument }>): Promise<void> {
  for (const chunk of chunks(documents, BATCH_SIZE)) {
    await trx('pdf_field_coordinates')
      .whereIn(
        'document_upload_id',
        chunk.map(({ documentId }) => documentId),
      )
      .where({ table_name: 'financial_line_items' })
      .delete();
  }

  const withBoxes = documents.filter(({ parsed }) => parsed.lines.some((line) => line.box !== undefined));
  if (withBoxes.length > 0) {
    await insertCoordinates(trx, withBoxes);
  }
}

/** Deletes the lines of the documents and the coordinates that point at them. */
export async function deleteLines(trx: Knex, documentIds: number[]): Promise<void> {
  for (const chunk of chunks(documentIds, BATCH_SIZE)) {
    await trx('pdf_field_coordinates').whereIn('document_upload_id', chunk).where({ table_name: 'financial_line_items' }).delete();
    await trx('financial_line_items').whereIn('document_upload_id', chunk).delete();
  }
}

/**
 * Returns the ids of the documents whose stored lines equal the parsed ones
 * field by field (order, code, name, amount, kind, section, attributes).
 *
 * NOTE: coordinates are not compared, so a reader change that moves only the
 * boxes of a file with the same SHA-256 reports `unchanged` and keeps the old boxes.
 * A file with a new SHA-256 gets its boxes rewritten (see `replaceCoordinates`).
 */
export async function documentsWithSameLines(trx: Knex, documents: Array<{ documentId: number; parsed: ParsedDocument }>): Promise<Set<number>> {
  const stored = new Map<number, string[]>();
  for (const chunk of chunks(documents, BATCH_SIZE)) {
    const rows = await trx('financial_line_items')
      .whereIn(
        'document_upload_id',
        chunk.map(({ documentId }) => documentId),
      )
      .orderBy(['document_upload_id', 'line_number'])
      .select<StoredLine[]>('document_upload_id', 'line_number', 'account_code', 'account_name', 'amount', 'line_kind', 'section', 'attributes');
    for (const row of rows) {
      const list = stored.get(row.document_upload_id) ?? [];
      list.push(lineKey(row));
      stored.set(row.document_upload_id, list);
    }
  }

  const same = new Set<number>();
  for (const { documentId, parsed } of documents) {
    const parsedKeys = parsed.lines.map((line, index) => lineKey({ ...lineRow(documentId, index + 1, line), attributes: line.attributes ?? null }));
    const storedKeys = stored.get(documentId) ?? [];
    if (parsedKeys.length === storedKeys.length && parsedKeys.every((key, index) => key === storedKeys[index])) {
      same.add(documentId);
    }
  }
  return same;
}

function lineKey(row: StoredLine): string {
  const amount = row.amount === null ? null : normaliseDecimal(row.amount);
  return canonicalJson([row.line_number, row.account_code, row.account_name, amount, row.line_kind, row.section, row.attributes ?? null]);
}

/** numeric(15,2) returns "0.00" where the parser may write "-0.00"; both sides carry two decimal places. */
function normaliseDecimal(text: string): string {
  return /^-0+(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** JSON with object keys sorted, because jsonb does not keep key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) => {
    if (nested === null || typeof nested !== 'object' || Array.isArray(nested)) return nested;
    return Object.fromEntries(Object.entries(nested as Record<string, unknown>).sort(([left], [right]) => left.localeCompare(right)));
  });
}
