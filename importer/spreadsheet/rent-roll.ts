/**
 * Reads rent rolls (tenancy schedules, one row per unit) into one `rent_roll`
 * document per property and as-of date, one line per unit with vacant units included.
 */
import type { ParsedDocument, ParsedLine } from '../../domain/statements';
import { parseMoney } from '../amount';
import { SpreadsheetFormatError } from '../errors';
import { parseDateText } from '../period';
import type { Table } from './read-table';

export interface RentRollOptions {
  /** Property code for rows whose file has no property column. */
  propertyCode?: string;
  /** As-of date (YYYY-MM-DD) for files without a report-date column. */
  asOfDate?: string;
}

type Field = 'propertyCode' | 'propertyName' | 'asOfDate' | 'unit' | 'tenant' | 'tenantId' | 'leaseType' | 'area' | 'leaseFrom' | 'leaseTo' | 'monthlyRent' | 'annualRent' | 'deposit' | 'vacant';

/** Header spellings per field, matched against headers lower-cased with spaces and punctuation as `_`. */
const ALIASES: Record<Field, string[]> = {
  propertyCode: ['property_code', 'property_id', 'property'],
  propertyName: ['property_name'],
  asOfDate: ['report_date', 'as_of_date', 'as_of'],
  unit: ['unit_number', 'unit', 'unit_id', 'suite', 'unit_no'],
  tenant: ['tenant_name', 'tenant', 'lessee', 'resident', 'name'],
  tenantId: ['tenant_id', 'tenant_code'],
  leaseType: ['lease_type'],
  area: ['area_sqft', 'sqft', 'area', 'square_feet', 'unit_sqft'],
  leaseFrom: ['lease_from_date', 'lease_from', 'lease_start', 'move_in'],
  leaseTo: ['lease_to_date', 'lease_to', 'lease_end', 'lease_expiration'],
  monthlyRent: ['monthly_rent', 'monthly_base_rent', 'current_rent', 'rent'],
  annualRent: ['annual_rent'],
  deposit: ['security_deposit', 'deposit'],
  vacant: ['is_vacant', 'vacant'],
};

const HEADER_SEARCH_ROWS = 20;

/** Returns the header row index and column of each field when the table is a rent roll, else null. */
export function findRentRollHeader(table: Table): { headerIndex: number; columns: Partial<Record<Field, number>> } | null {
  for (let index = 0; index < Math.min(table.rows.length, HEADER_SEARCH_ROWS); index += 1) {
    const keys = table.rows[index]!.map(headerKey);
    const columns: Partial<Record<Field, number>> = {};
    for (const field of Object.keys(ALIASES) as Field[]) {
      const column = ALIASES[field].map((alias) => keys.indexOf(alias)).find((position) => position >= 0);
      if (column !== undefined) {
        columns[field] = column;
      }
    }
    if (columns.unit !== undefined && columns.monthlyRent !== undefined) {
      return { headerIndex: index, columns };
    }
  }
  return null;
}

function headerKey(text: string): string {
  return text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/**
 * Parses a rent roll table. Tenant names that wrap onto several lines inside
 * one cell are joined with spaces, and a trailing "(t0000490)" becomes the tenant id.
 *
 * @throws SpreadsheetFormatError when there is no unit and rent header, or a
 *   row lacks a property or as-of date and no option supplies it.
 */
export function parseRentRoll(table: Table, options: RentRollOptions = {}): ParsedDocument[] {
  const header = findRentRollHeader(table);
  if (!header) {
    throw new SpreadsheetFormatError(table.name, 'no rent roll header with a unit column and a monthly rent column');
  }

  const documents = new Map<string, ParsedDocument>();
  const rows = table.rows.slice(header.headerIndex + 1).filter((row) => row.some((cell) => cell !== ''));
  for (const [offset, row] of rows.entries()) {
    const cell = (field: Field): string => (header.columns[field] === undefined ? '' : (row[header.columns[field]] ?? '').trim());
    const rowNumber = header.headerIndex + offset + 2;

    const propertyCode = cell('propertyCode') || options.propertyCode;
    const asOfDate = parseDateText(cell('asOfDate')) ?? options.asOfDate;
    if (!propertyCode || !asOfDate) {
      throw new SpreadsheetFormatError(table.name, `row ${rowNumber} has no property code or as-of date. Pass the propertyCode and asOfDate options`);
    }

    const key = `${propertyCode}|${asOfDate}`;
    const document = documents.get(key) ?? newDocument(propertyCode, cell('propertyName') || null, asOfDate, table.name);
    documents.set(key, document);
    document.lines.push(readUnit(cell));
  }
  return [...documents.values()];
}

function newDocument(propertyCode: string, propertyName: string | null, asOfDate: string, sheet: string): ParsedDocument {
  return {
    documentType: 'rent_roll',
    propertyCode,
    propertyName,
    periodStart: asOfDate,
    periodEnd: asOfDate,
    lines: [],
    attributes: { source: 'spreadsheet', sheet, asOfDate },
  };
}

function readUnit(cell: (field: Field) => string): ParsedLine {
  const rawTenant = cell('tenant').replace(/\s*\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
  const idInName = /\s*\((t\d+)\)$/i.exec(rawTenant);
  const tenantName = idInName ? rawTenant.slice(0, idInName.index).trim() : rawTenant;
  const vacant = /^(true|yes|y|1)$/i.test(cell('vacant')) || /^vacant$/i.test(tenantName);

  return {
    accountCode: cell('unit'),
    accountName: vacant ? 'VACANT' : tenantName,
    amount: vacant && cell('monthlyRent') === '' ? '0.00' : parseMoney(cell('monthlyRent')),
    lineKind: 'detail',
    section: 'rent_roll',
    attributes: {
      vacant,
      tenantName: vacant ? null : tenantName,
      tenantId: cell('tenantId') || idInName?.[1] || null,
      leaseType: cell('leaseType') || null,
      areaSqft: cell('area') === '' ? null : Number(cell('area').replace(/,/g, '')),
      leaseFrom: parseDateText(cell('leaseFrom')),
      leaseTo: parseDateText(cell('leaseTo')),
      annualRent: cell('annualRent') === '' ? null : parseMoney(cell('annualRent')),
      securityDeposit: cell('deposit') === '' ? null : parseMoney(cell('deposit')),
    },
  };
}
