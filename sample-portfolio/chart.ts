/**
 * Yardi-like chart of accounts for the sample portfolio. Subtotal and total
 * rows list the codes they sum, so clean statements tie by construction.
 */
import type { LineKind } from '../domain/statements';

export interface ChartRow {
  code: string;
  name: string;
  kind: LineKind;
  /** Codes summed by a subtotal or total; a leading `-` subtracts. */
  sumOf?: string[];
}

const header = (code: string, name: string): ChartRow => ({ code, name, kind: 'header' });
const detail = (code: string, name: string): ChartRow => ({ code, name, kind: 'detail' });

export const INCOME_STATEMENT: ChartRow[] = [
  header('4000-0000', 'INCOME'),
  detail('4010-0000', 'Base Rentals'),
  detail('4020-0000', 'Tax Recoveries'),
  detail('4040-0000', 'CAM Recoveries'),
  detail('4090-0000', 'Other Income'),
  { code: '4990-0000', name: 'TOTAL INCOME', kind: 'total', sumOf: ['4010-0000', '4020-0000', '4040-0000', '4090-0000'] },
  header('5000-0000', 'EXPENSES'),
  detail('5010-0000', 'Property Tax'),
  detail('5012-0000', 'Property Insurance'),
  header('5100-0000', 'Utility Expense'),
  detail('5105-0000', 'Electricity Service'),
  detail('5115-0000', 'Water & Sewer Service'),
  detail('5125-0000', 'Trash Service'),
  { code: '5199-0000', name: 'Total Utility Expense', kind: 'subtotal', sumOf: ['5105-0000', '5115-0000', '5125-0000'] },
  header('5200-0000', 'Contracted Expense'),
  detail('5210-0000', 'Contract - Parking Lot Sweeping'),
  detail('5225-0000', 'Contract - Snow Removal & Ice Melt'),
  detail('5235-0000', 'Contract - Janitorial/Portering'),
  { code: '5299-0000', name: 'Total Contracted Expenses', kind: 'subtotal', sumOf: ['5210-0000', '5225-0000', '5235-0000'] },
  header('5300-0000', 'Repair & Maintenance'),
  detail('5306-0000', 'R&M - Landscape Repairs'),
  detail('5342-0000', 'R&M - HVAC'),
  detail('5376-0000', 'R&M - Misc'),
  { code: '5399-0000', name: 'Total R&M Operating Expenses', kind: 'subtotal', sumOf: ['5306-0000', '5342-0000', '5376-0000'] },
  detail('6010-0000', 'Off Site Management'),
  detail('6020-0000', 'Professional Fees'),
  {
    code: '6199-0000',
    name: 'TOTAL OPERATING EXPENSES',
    kind: 'total',
    sumOf: ['5010-0000', '5012-0000', '5199-0000', '5299-0000', '5399-0000', '6010-0000', '6020-0000'],
  },
  { code: '6299-0000', name: 'NET OPERATING INCOME', kind: 'total', sumOf: ['4990-0000', '-6199-0000'] },
  header('7000-0000', 'Other Income/Expenses'),
  detail('7010-0000', 'Mortgage Interest'),
  detail('7020-0000', 'Depreciation'),
  detail('7030-0000', 'Amortization'),
  { code: '7090-0000', name: 'Total Other Income/Expense', kind: 'subtotal', sumOf: ['7010-0000', '7020-0000', '7030-0000'] },
  { code: '9090-0000', name: 'NET INCOME', kind: 'total', sumOf: ['6299-0000', '-7090-0000'] },
];

export const BALANCE_SHEET: ChartRow[] = [
  header('0100-0000', 'ASSETS'),
  detail('0122-0000', 'Cash - Operating'),
  detail('0305-0000', 'A/R Tenants'),
  { code: '0499-9000', name: 'Total Current Assets', kind: 'subtotal', sumOf: ['0122-0000', '0305-0000'] },
  detail('0510-0000', 'Land'),
  detail('0610-0000', 'Buildings'),
  detail('1061-0000', 'Accum. Depr. - Buildings'),
  { code: '1099-0000', name: 'Total Property & Equipment', kind: 'subtotal', sumOf: ['0510-0000', '0610-0000', '1061-0000'] },
  { code: '1999-0000', name: 'TOTAL ASSETS', kind: 'total', sumOf: ['0499-9000', '1099-0000'] },
  header('2000-0000', 'LIABILITIES'),
  detail('2410-0000', 'Property Tax Payable'),
  detail('2510-0000', 'Rent Received in Advance'),
  detail('2612-0000', 'Mortgage Payable'),
  { code: '2999-0000', name: 'TOTAL LIABILITIES', kind: 'total', sumOf: ['2410-0000', '2510-0000', '2612-0000'] },
  header('3000-0000', 'CAPITAL'),
  detail('3050-0000', 'Partners Contribution'),
  detail('3910-0000', 'Beginning Equity'),
  detail('3995-0000', 'Current Period Earnings'),
  { code: '3999-0000', name: 'TOTAL CAPITAL', kind: 'total', sumOf: ['3050-0000', '3910-0000', '3995-0000'] },
  { code: '3999-9000', name: 'TOTAL LIABILITIES & CAPITAL', kind: 'total', sumOf: ['2999-0000', '3999-0000'] },
];

/** Fills subtotal and total rows from the detail amounts (integer cents), in chart order. */
export function computeTotals(chart: ChartRow[], amounts: Map<string, bigint>): void {
  for (const row of chart) {
    if (!row.sumOf) continue;
    let sum = 0n;
    for (const term of row.sumOf) {
      const value = amounts.get(term.replace(/^-/, '')) ?? 0n;
      sum += term.startsWith('-') ? -value : value;
    }
    amounts.set(row.code, sum);
  }
}
