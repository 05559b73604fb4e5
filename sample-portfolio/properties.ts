/** The sample portfolio's properties. Every name and figure is invented. */
import type { PropertyGroup } from '../domain/statements';

export interface SampleProperty {
  code: string;
  name: string;
  group: Extract<PropertyGroup, 'retail' | 'multifamily' | 'office'>;
  units: number;
  squareFeet: number;
  /** Monthly base rent in the first month, in cents. */
  baseRentCents: number;
  /** Written as XLSX instead of CSV, so both readers are exercised. */
  format: 'csv' | 'xlsx';
}

export const SAMPLE_PROPERTIES: SampleProperty[] = [
  { code: 'ELMR01', name: 'Elm Ridge Shopping Center', group: 'retail', units: 24, squareFeet: 182_000, baseRentCents: 26_500_000, format: 'csv' },
  { code: 'BRKW02', name: 'Brookwater Plaza', group: 'retail', units: 18, squareFeet: 121_500, baseRentCents: 17_800_000, format: 'xlsx' },
  { code: 'HRBC03', name: 'Harbor Crossing', group: 'retail', units: 30, squareFeet: 240_300, baseRentCents: 33_200_000, format: 'csv' },
  { code: 'MPLC04', name: 'Maple Court Apartments', group: 'multifamily', units: 40, squareFeet: 36_800, baseRentCents: 6_400_000, format: 'csv' },
  { code: 'CDRH05', name: 'Cedar Heights', group: 'multifamily', units: 36, squareFeet: 31_500, baseRentCents: 5_650_000, format: 'xlsx' },
  { code: 'WLLW06', name: 'Willow Park Residences', group: 'multifamily', units: 48, squareFeet: 44_100, baseRentCents: 7_900_000, format: 'csv' },
  { code: 'STNB07', name: 'Stonebridge Lofts', group: 'multifamily', units: 28, squareFeet: 25_900, baseRentCents: 4_900_000, format: 'csv' },
  { code: 'CNTR08', name: 'Centerpoint Tower', group: 'office', units: 22, squareFeet: 165_000, baseRentCents: 38_000_000, format: 'csv' },
  { code: 'LKVW09', name: 'Lakeview Office Park', group: 'office', units: 16, squareFeet: 98_000, baseRentCents: 21_500_000, format: 'xlsx' },
  { code: 'GRNW10', name: 'Greenway Commons', group: 'office', units: 12, squareFeet: 64_500, baseRentCents: 13_800_000, format: 'csv' },
  { code: 'RVRS11', name: 'Riverside Square', group: 'retail', units: 20, squareFeet: 140_200, baseRentCents: 19_600_000, format: 'csv' },
  { code: 'OAKH12', name: 'Oak Hollow Townhomes', group: 'multifamily', units: 32, squareFeet: 38_400, baseRentCents: 5_300_000, format: 'csv' },
];
