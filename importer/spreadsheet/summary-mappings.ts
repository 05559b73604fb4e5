/**
 * Built-in column mappings for two public summary formats, and detection of
 * which one a header row belongs to.
 */
import type { PeriodRange } from '../period';
import { normalise, type SummaryMapping } from './portfolio-summary';

/**
 * CREFC IRP "Loan Periodic Update" files as Freddie Mac K-deals publish them.
 * The most recent financial period of each loan's collateral becomes one statement.
 */
export const CREFC_LOAN_PERIODIC: SummaryMapping = {
  name: 'crefc-loan-periodic',
  propertyCodeColumn: 'Loan ID',
  periodStartColumn: 'Most Recent Financial As of Start Date',
  periodEndColumn: 'Most Recent Financial As of End Date',
  lines: [
    { accountCode: 'EGI', accountName: 'Most Recent Revenue', column: 'Most Recent Revenue' },
    { accountCode: 'TOTAL_OPEX', accountName: 'Most Recent Operating Expenses', column: 'Most Recent Operating Expenses' },
    { accountCode: 'NOI', accountName: 'Most Recent NOI', column: 'Most Recent NOI' },
    { accountCode: 'NCF', accountName: 'Most Recent NCF', column: 'Most Recent NCF' },
    { accountCode: 'DEBT_SERVICE', accountName: 'Most Recent Debt Service Amount', column: 'Most Recent Debt Service Amount' },
  ],
  attributeColumns: ['Prospectus Loan ID', 'Distribution Date', 'Most Recent Physical Occupancy'],
};

/**
 * NYC Department of Finance condominium comparable rental income files. The
 * FY 2009/2010 release has gross income only, and the expense and NOI columns
 * of later releases are mapped too, so they are read when present.
 */
export function nycCondoMapping(period: PeriodRange): SummaryMapping {
  const prefix = 'MANHATTAN CONDOMINIUM PROPERTY';
  return {
    name: 'nyc-dof-condo',
    propertyCodeColumn: `${prefix} Boro-Block-Lot`,
    propertyNameColumn: `${prefix} Address`,
    propertyGroup: 'multifamily',
    period,
    lines: [
      { accountCode: 'EGI', accountName: 'Estimated Gross Income', column: `${prefix} Est. Gross Income` },
      { accountCode: 'TOTAL_OPEX', accountName: 'Estimated Expense', column: `${prefix} Estimated Expense` },
      { accountCode: 'NOI', accountName: 'Net Operating Income', column: `${prefix} Net Operating Income` },
    ],
    attributeColumns: [`${prefix} Total Units`, `${prefix} Gross SqFt`, `${prefix} Building Classification`, `${prefix} Full Market Value`],
  };
}

/**
 * NYC fiscal years run from 1 July to 30 June, so "FY_2009_2010" in a file
 * name is 2009-07-01 to 2010-06-30. Returns null when the name has no such year pair.
 */
export function fiscalYearFromFileName(fileName: string): PeriodRange | null {
  const match = /FY[_ ]?(\d{4})[_/-](\d{4})/i.exec(fileName);
  return match ? { start: `${match[1]!}-07-01`, end: `${match[2]!}-06-30` } : null;
}

export type SummaryKind = 'crefc-loan-periodic' | 'nyc-dof-condo';

/** Names the built-in mapping whose key columns the header row contains, or returns null. */
export function detectSummaryKind(header: string[]): SummaryKind | null {
  const columns = new Set(header.map(normalise));
  if (columns.has(normalise('Loan ID')) && columns.has(normalise('Most Recent NOI'))) {
    return 'crefc-loan-periodic';
  }
  if (columns.has(normalise('MANHATTAN CONDOMINIUM PROPERTY Boro-Block-Lot')) && columns.has(normalise('MANHATTAN CONDOMINIUM PROPERTY Est. Gross Income'))) {
    return 'nyc-dof-condo';
  }
  return null;
}
