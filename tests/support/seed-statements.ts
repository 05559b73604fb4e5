/**
 * Bulk-writes synthetic monthly income statements for tests and benchmarks: tied
 * totals, small month-to-month variation, one repairs spike per property.
 */
import type { Knex } from '@mikro-orm/postgresql';

import { centsToDecimal } from '../../domain/money';

const LINES = [
  ['4010-0000', 'Base Rentals', 'detail', 'revenue'],
  ['4090-0000', 'Other Income', 'detail', 'revenue'],
  ['4990-0000', 'TOTAL INCOME', 'total', 'revenue'],
  ['5210-0000', 'Repairs & Maintenance', 'detail', 'expense'],
  ['5310-0000', 'Utilities', 'detail', 'expense'],
  ['6190-0000', 'TOTAL OPERATING EXPENSES', 'total', 'expense'],
  ['6299-0000', 'NET OPERATING INCOME', 'total', 'noi'],
  ['9090-0000', 'NET INCOME', 'total', 'net_income'],
] as const;

function amounts(property: number, month: number): number[] {
  const rent = 80_000_00 + property * 1_000_00 + (month % 3) * 400_00;
  const other = 150_00 + (month % 5) * 10_00;
  const repairs = month === 40 ? 45_000_00 : 3_500_00 + (month % 4) * 120_00;
  const utilities = 2_200_00 + (month % 12) * 90_00;
  const income = rent + other;
  const expenses = repairs + utilities;
  return [rent, other, income, repairs, utilities, expenses, income - expenses, income - expenses];
}

function monthBounds(index: number): { start: string; end: string } {
  const first = new Date(Date.UTC(2020, index, 1));
  const last = new Date(Date.UTC(2020, index + 1, 0));
  return { start: first.toISOString().slice(0, 10), end: last.toISOString().slice(0, 10) };
}

/** Inserts `properties × months` income statements; returns their document ids in id order. */
export async function seedStatements(knex: Knex, properties: number, months: number): Promise<number[]> {
  const documentIds: number[] = [];
  for (let property = 0; property < properties; property += 1) {
    const [row] = await knex('properties').insert({ code: `BENCH-${property}`, name: `Bench ${property}`, property_group: 'retail' }).returning<{ id: number }[]>('id');
    const documents = Array.from({ length: months }, (_, month) => {
      const { start, end } = monthBounds(month);
      return { property_id: row!.id, document_type: 'income_statement', period_start: start, period_end: end, file_name: `bench-${property}-${month}.csv`, file_sha256: `${property}-${month}`.padEnd(64, '0'), extraction_status: 'completed' };
    });
    const inserted = await knex('document_uploads').insert(documents).returning<{ id: number }[]>('id');
    const lines = inserted.flatMap(({ id }, month) =>
      amounts(property, month).map((cents, index) => {
        const [code, name, kind, section] = LINES[index]!;
        return { document_upload_id: id, line_number: index + 1, account_code: code, account_name: name, amount: centsToDecimal(cents), line_kind: kind, section };
      }),
    );
    await knex.batchInsert('financial_line_items', lines, 1000);
    documentIds.push(...inserted.map(({ id }) => id));
  }
  return documentIds.sort((a, b) => a - b);
}
