/**
 * Reads stored statements into the detectors' shape: a document's lines, the
 * history of the same property and type, and the related statements the
 * cross-statement checks need.
 */
import type { Knex } from '@mikro-orm/postgresql';

import { decimalToCents } from '../domain/money';
import type { DocumentType, ExtractionStatus, LineKind } from '../domain/statements';
import type { Statement, StatementLine } from '../detectors/statements';

/** Earlier periods read for history checks: three years of monthly statements. */
export const HISTORY_PERIODS = 36;

export interface StoredDocument {
  id: number;
  propertyId: number | null;
  documentType: DocumentType;
  periodStart: string | null;
  periodEnd: string | null;
  extractionStatus: ExtractionStatus;
  extractionError: string | null;
}

interface LineRow {
  id: number;
  document_upload_id: number;
  line_number: number;
  account_code: string | null;
  account_name: string;
  amount: string | null;
  line_kind: LineKind;
  section: string | null;
}

interface DocumentRow {
  id: number;
  property_id: number;
  document_type: DocumentType;
  period_start: string;
  period_end: string;
}

export async function loadDocument(knex: Knex, documentId: number): Promise<StoredDocument | null> {
  const row = await knex('document_uploads')
    .where({ id: documentId })
    .first<{ id: number; property_id: number | null; document_type: DocumentType; period_start: string | null; period_end: string | null; extraction_status: ExtractionStatus; extraction_error: string | null } | undefined>(
      'id', 'property_id', 'document_type',
      knex.raw("to_char(period_start, 'YYYY-MM-DD') as period_start"),
      knex.raw("to_char(period_end, 'YYYY-MM-DD') as period_end"),
      'extraction_status', 'extraction_error',
    );
  if (!row) return null;
  return {
    id: row.id,
    propertyId: row.property_id,
    documentType: row.document_type,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    extractionStatus: row.extraction_status,
    extractionError: row.extraction_error,
  };
}

function documentColumns(knex: Knex): (string | Knex.Raw)[] {
  return [
    'd.id', 'd.property_id', 'd.document_type',
    knex.raw("to_char(d.period_start, 'YYYY-MM-DD') as period_start"),
    knex.raw("to_char(d.period_end, 'YYYY-MM-DD') as period_end"),
  ];
}

/** Builds statements for the given documents, with their lines, in the order given. */
async function statementsFor(knex: Knex, documents: DocumentRow[]): Promise<Statement[]> {
  if (documents.length === 0) return [];
  const lines = await knex('financial_line_items')
    .whereIn('document_upload_id', documents.map((document) => document.id))
    .orderBy([{ column: 'document_upload_id' }, { column: 'line_number' }, { column: 'id' }])
    .select<LineRow[]>('id', 'document_upload_id', 'line_number', 'account_code', 'account_name', 'amount', 'line_kind', 'section');

  const byDocument = new Map<number, StatementLine[]>();
  for (const row of lines) {
    const list = byDocument.get(row.document_upload_id) ?? [];
    list.push({
      lineId: String(row.id),
      accountCode: row.account_code,
      accountName: row.account_name,
      amountCents: row.amount === null ? null : decimalToCents(row.amount),
      lineKind: row.line_kind,
      section: row.section,
      position: row.line_number,
    });
    byDocument.set(row.document_upload_id, list);
  }

  return documents.map((document) => ({
    documentId: String(document.id),
    propertyId: String(document.property_id),
    documentType: document.document_type,
    periodStart: document.period_start,
    periodEnd: document.period_end,
    lines: byDocument.get(document.id) ?? [],
  }));
}

export async function loadStatement(knex: Knex, document: StoredDocument): Promise<Statement> {
  const [statement] = await statementsFor(knex, [
    { id: document.id, property_id: document.propertyId!, document_type: document.documentType, period_start: document.periodStart!, period_end: document.periodEnd! },
  ]);
  return statement!;
}

/**
 * Earlier statements of the same property and type covering a period of the
 * same length (monthly with monthly, annual with annual), newest first.
 */
export async function loadHistory(knex: Knex, document: StoredDocument): Promise<Statement[]> {
  const rows = await knex('document_uploads as d')
    .where({ 'd.property_id': document.propertyId, 'd.document_type': document.documentType, 'd.extraction_status': 'completed' })
    .where('d.period_end', '<', document.periodEnd)
    .whereRaw('(d.period_end - d.period_start) between (?::date - ?::date) - 3 and (?::date - ?::date) + 3', [
      document.periodEnd, document.periodStart, document.periodEnd, document.periodStart,
    ])
    .orderBy('d.period_end', 'desc')
    .limit(HISTORY_PERIODS)
    .select<DocumentRow[]>(documentColumns(knex));
  return statementsFor(knex, rows);
}

/**
 * Statements the cross-statement checks compare with: for a balance sheet, the
 * property's income statements ending in its fiscal year up to its date; for
 * an income statement, the balance sheet ending on the same date.
 */
export async function loadRelated(knex: Knex, document: StoredDocument): Promise<Statement[]> {
  const query = knex('document_uploads as d').where({ 'd.property_id': document.propertyId, 'd.extraction_status': 'completed' });
  if (document.documentType === 'balance_sheet') {
    void query
      .where('d.document_type', 'income_statement')
      .where('d.period_end', '<=', document.periodEnd)
      .whereRaw("date_trunc('year', d.period_end) = date_trunc('year', ?::date)", [document.periodEnd]);
  } else if (document.documentType === 'income_statement') {
    void query.where('d.document_type', 'balance_sheet').where('d.period_end', document.periodEnd);
  } else {
    return [];
  }
  const rows = await query.orderBy('d.period_end', 'asc').select<DocumentRow[]>(documentColumns(knex));
  return statementsFor(knex, rows);
}
