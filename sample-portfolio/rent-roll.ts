/** Year-end rent rolls for the sample portfolio, in the column layout of a Yardi rent roll CSV export. */
import { formatCents } from '../importer/amount';
import type { SampleProperty } from './properties';
import type { Random } from './random';
import { toCsv } from './write-files';

const HEADER = ['property_name', 'property_code', 'report_date', 'unit_number', 'tenant_name', 'tenant_id', 'lease_type', 'area_sqft', 'lease_from_date', 'lease_to_date', 'monthly_rent', 'is_vacant'];
const TENANT_WORDS = ['Harbor', 'Summit', 'Pine', 'Granite', 'Bluebird', 'Juniper', 'Atlas', 'Beacon'];

/**
 * Writes one rent roll whose occupied units' rents add up to `baseRentCents`.
 * Some tenant names span two lines inside their cell, as in real exports.
 */
export function rentRollCsv(property: SampleProperty, asOfDate: string, baseRentCents: bigint, random: Random): Buffer {
  const vacant = new Set(Array.from({ length: property.units }, (_, index) => index).filter(() => random.next() < 0.08));
  const occupied = property.units - vacant.size;
  const share = baseRentCents / BigInt(Math.max(1, occupied));
  const area = Math.round(property.squareFeet / property.units);
  const rows: string[][] = [HEADER];
  let assigned = 0n;
  let remaining = occupied;

  for (let index = 0; index < property.units; index += 1) {
    const unit = String(100 + index);
    if (vacant.has(index)) {
      rows.push([property.name, property.code, asOfDate, unit, 'VACANT', '', '', String(area), '', '', '', 'True']);
      continue;
    }
    remaining -= 1;
    const rent = remaining === 0 ? baseRentCents - assigned : share;
    assigned += rent;
    const word = random.pick(TENANT_WORDS);
    const tenant = property.group === 'multifamily' ? `Resident ${unit}` : index % 3 === 0 ? `${word} Trading\nCompany, LLC` : `${word} ${unit} LLC`;
    rows.push([property.name, property.code, asOfDate, unit, tenant, `t${String(index).padStart(7, '0')}`, property.group === 'multifamily' ? 'Residential' : 'Commercial NNN', String(area), '2021-01-01', '2027-12-31', formatCents(rent), 'False']);
  }
  return toCsv(rows);
}
