/**
 * Database side of training scopes: which scope a document falls in, the
 * fingerprint of a scope's current training data, and the training set
 * itself. The fingerprint is computed inside PostgreSQL, so a cache hit
 * never ships the training lines to the worker.
 */
import crypto from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';

import { decimalToCents } from '../domain/money';
import type { DocumentType, LineKind } from '../domain/statements';
import type { Statement, StatementLine } from '../detectors/statements';
import { FEATURE_VERSION } from './features';
import { SELECTION_RULES_VERSION } from './selection';
import type { TrainingSet } from './training';
import {
  MAX_GROUP_ROWS,
  MAX_PROPERTY_ROWS,
  MIN_PROPERTY_HISTORY,
  PERIOD_CLASS_DAYS,
  periodClassOf,
  type TrainingScope,
} from './training-scope';

export interface ScopedDocument {
  propertyId: number;
  documentType: DocumentType;
  periodStart: string;
  periodEnd: string;
}

/** The scope's training documents (most recent first, capped) as a subquery of ids. */
function scopeDocumentIds(knex: Knex, scope: TrainingScope): Knex.QueryBuilder {
  const [low, high] = PERIOD_CLASS_DAYS[scope.periodClass];
  const query = knex('document_uploads as d')
    .where({ 'd.document_type': scope.documentType, 'd.extraction_status': 'completed' })
    .whereRaw('(d.period_end - d.period_start) between ? and ?', [low, high])
    .orderBy([{ column: 'd.period_end', order: 'desc' }, { column: 'd.id', order: 'desc' }])
    .limit(scope.kind === 'property' ? MAX_PROPERTY_ROWS : MAX_GROUP_ROWS)
    .select('d.id');
  if (scope.kind === 'property') return query.where('d.property_id', scope.propertyId);

  void query.join('properties as p', 'p.id', 'd.property_id');
  return scope.propertyGroup === null ? query.whereNull('p.property_group') : query.where('p.property_group', scope.propertyGroup);
}

/**
 * The scope a document's model comes from: its property when the property
 * has MIN_PROPERTY_HISTORY statements of the type and period class, else
 * its property group. Null for a statement longer than a year.
 */
export async function resolveScope(knex: Knex, document: ScopedDocument): Promise<TrainingScope | null> {
  const periodClass = periodClassOf(document.periodStart, document.periodEnd);
  if (periodClass === null) return null;

  const own: TrainingScope = { kind: 'property', propertyId: document.propertyId, propertyGroup: null, documentType: document.documentType, periodClass };
  const row = await knex.from(scopeDocumentIds(knex, own).as('s')).first<{ n: string }>(knex.raw('count(*) as n'));
  if (Number(row?.n ?? 0) >= MIN_PROPERTY_HISTORY) return own;

  const property = await knex('properties').where({ id: document.propertyId }).first<{ property_group: string | null } | undefined>('property_group');
  return { ...own, kind: 'group', propertyGroup: property?.property_group ?? null };
}

/** Analysts' verdicts on the scope's documents: document id and verdict, ordered. */
async function scopeLabels(knex: Knex, scope: TrainingScope): Promise<{ document_upload_id: number; verdict: string }[]> {
  return knex('anomaly_feedback as f')
    .join('anomaly_detections as a', 'a.id', 'f.anomaly_detection_id')
    .whereIn('a.document_upload_id', scopeDocumentIds(knex, scope))
    .orderBy([{ column: 'a.document_upload_id' }, { column: 'f.id' }])
    .select('a.document_upload_id', 'f.verdict');
}

/**
 * A fingerprint of everything a model of the scope learns from: each
 * training document's id and period and each line's code, amount and kind,
 * plus the analysts' labels and the feature and selection versions.
 */
export async function scopeFingerprint(knex: Knex, scope: TrainingScope): Promise<string> {
  const lines = await knex('financial_line_items as l')
    .join('document_uploads as d', 'd.id', 'l.document_upload_id')
    .whereIn('l.document_upload_id', scopeDocumentIds(knex, scope))
    .first<{ digest: string | null; n: string }>(
      knex.raw(
        "md5(string_agg(concat_ws('|', d.id, d.period_start, d.period_end, l.account_code, l.amount, l.line_kind, l.section), ';' order by d.id, l.line_number, l.id)) as digest",
      ),
      knex.raw('count(*) as n'),
    );
  const labels = await scopeLabels(knex, scope);
  const text = JSON.stringify([FEATURE_VERSION, SELECTION_RULES_VERSION, lines?.digest ?? null, lines?.n ?? '0', labels]);
  return crypto.createHash('sha256').update(text).digest('hex');
}

interface TrainingLineRow {
  document_upload_id: number;
  property_id: number;
  period_start: string;
  period_end: string;
  line_id: number;
  line_number: number;
  account_code: string | null;
  account_name: string;
  amount: string | null;
  line_kind: LineKind;
  section: string | null;
}

function toStatements(rows: TrainingLineRow[], documentType: DocumentType): Statement[] {
  const byDocument = new Map<number, Statement>();
  for (const row of rows) {
    let statement = byDocument.get(row.document_upload_id);
    if (statement === undefined) {
      statement = { documentId: String(row.document_upload_id), propertyId: String(row.property_id), documentType, periodStart: row.period_start, periodEnd: row.period_end, lines: [] };
      byDocument.set(row.document_upload_id, statement);
    }
    const line: StatementLine = {
      lineId: String(row.line_id),
      accountCode: row.account_code,
      accountName: row.account_name,
      amountCents: row.amount === null ? null : decimalToCents(row.amount),
      lineKind: row.line_kind,
      section: row.section,
      position: row.line_number,
    };
    statement.lines.push(line);
  }
  return [...byDocument.values()].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || Number(a.documentId) - Number(b.documentId));
}

/**
 * Reads the scope's training statements, labels and fingerprint in one
 * repeatable-read transaction, so the fingerprint describes exactly the
 * rows that were read.
 */
export async function loadTrainingSet(knex: Knex, scope: TrainingScope): Promise<TrainingSet> {
  return knex.transaction(async (trx) => {
    const fingerprint = await scopeFingerprint(trx, scope);
    const rows = await trx('financial_line_items as l')
      .join('document_uploads as d', 'd.id', 'l.document_upload_id')
      .whereIn('l.document_upload_id', scopeDocumentIds(trx, scope))
      .orderBy([{ column: 'd.id' }, { column: 'l.line_number' }, { column: 'l.id' }])
      .select<TrainingLineRow[]>(
        'l.document_upload_id', 'd.property_id', 'l.id as line_id', 'l.line_number', 'l.account_code', 'l.account_name', 'l.amount', 'l.line_kind', 'l.section',
        trx.raw("to_char(d.period_start, 'YYYY-MM-DD') as period_start"),
        trx.raw("to_char(d.period_end, 'YYYY-MM-DD') as period_end"),
      );
    const labels = new Map<string, 0 | 1>();
    for (const label of await scopeLabels(trx, scope)) labels.set(String(label.document_upload_id), label.verdict === 'true_positive' ? 1 : 0);
    return { scope, statements: toStatements(rows, scope.documentType), labels, fingerprint };
  }, { isolationLevel: 'repeatable read' });
}
