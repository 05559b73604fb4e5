/**
 * Test data written straight to the database: properties and monthly income
 * statements whose totals tie, with hand-placed errors where a test needs one.
 */
import type { Knex } from '@mikro-orm/postgresql';

import { centsToDecimal } from '../../domain/money';

export interface StatementLineSpec {
  code: string | null;
  name: string;
  cents: number | null;
  kind: 'detail' | 'subtotal' | 'total' | 'header';
  section: string | null;
}

export async function insertProperty(knex: Knex, code: string, group = 'retail'): Promise<number> {
  const [row] = await knex('properties').insert({ code, name: `${code} Center`, property_group: group }).returning<{ id: number }[]>('id');
  return row!.id;
}

/** A small Yardi-like income statement whose totals tie: rent, other income, two expenses. */
export function incomeStatementLines(rentCents: number, repairsCents: number): StatementLineSpec[] {
  const otherIncome = 120_00;
  const utilities = 2_500_00;
  const income = rentCents + otherIncome;
  const expenses = repairsCents + utilities;
  return [
    { code: '4010-0000', name: 'Base Rentals', cents: rentCents, kind: 'detail', section: 'revenue' },
    { code: '4090-0000', name: 'Other Income', cents: otherIncome, kind: 'detail', section: 'revenue' },
    { code: '4990-0000', name: 'TOTAL INCOME', cents: income, kind: 'total', section: 'revenue' },
    { code: '5210-0000', name: 'Repairs & Maintenance', cents: repairsCents, kind: 'detail', section: 'expense' },
    { code: '5310-0000', name: 'Utilities', cents: utilities, kind: 'detail', section: 'expense' },
    { code: '6190-0000', name: 'TOTAL OPERATING EXPENSES', cents: expenses, kind: 'total', section: 'expense' },
    { code: '6299-0000', name: 'NET OPERATING INCOME', cents: income - expenses, kind: 'total', section: 'noi' },
    { code: '9090-0000', name: 'NET INCOME', cents: income - expenses, kind: 'total', section: 'net_income' },
  ];
}

export interface DocumentSpec {
  propertyId: number;
  documentType?: string;
  /** YYYY-MM of a monthly statement. */
  month: string;
  lines: StatementLineSpec[];
  extractionStatus?: 'completed' | 'failed' | 'pending';
  extractionError?: string | null;
}

function monthBounds(month: string): { start: string; end: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

export async function insertDocument(knex: Knex, spec: DocumentSpec): Promise<number> {
  const { start, end } = monthBounds(spec.month);
  const [row] = await knex('document_uploads')
    .insert({
      property_id: spec.propertyId,
      document_type: spec.documentType ?? 'income_statement',
      period_start: start,
      period_end: end,
      file_name: `test-${spec.propertyId}-${spec.month}.csv`,
      file_sha256: `${spec.propertyId}-${spec.month}`.padEnd(64, '0'),
      extraction_status: spec.extractionStatus ?? 'completed',
      extraction_error: spec.extractionError ?? null,
    })
    .returning<{ id: number }[]>('id');
  const documentId = row!.id;
  if (spec.lines.length > 0) {
    await knex('financial_line_items').insert(
      spec.lines.map((line, index) => ({
        document_upload_id: documentId,
        line_number: index + 1,
        account_code: line.code,
        account_name: line.name,
        amount: line.cents === null ? null : centsToDecimal(line.cents),
        line_kind: line.kind,
        section: line.section,
      })),
    );
  }
  return documentId;
}

/** Months from `first` (YYYY-MM), `count` of them. */
export function months(first: string, count: number): string[] {
  const [year, month] = first.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 + index, 1));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}
