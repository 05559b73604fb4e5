/**
 * The document selection of a batch job: property ids, a statement-period
 * date range, document types and an extraction status. One place validates
 * it and turns it into SQL, so counting a job and paging its documents always
 * select the same rows.
 */
import type { Knex } from '@mikro-orm/postgresql';

import { DOCUMENT_TYPES, type DocumentType } from '../domain/statements';

export const EXTRACTION_STATUS_FILTERS = ['all', 'completed', 'failed', 'pending'] as const;
export type ExtractionStatusFilter = (typeof EXTRACTION_STATUS_FILTERS)[number];

export interface JobFilters {
  /** Only these properties; empty or absent means every property. */
  propertyIds?: number[];
  /** Statements whose period ends on or after this ISO date. */
  dateFrom?: string | null;
  /** Statements whose period ends on or before this ISO date. */
  dateTo?: string | null;
  /** Only these document types; empty or absent means all. */
  documentTypes?: DocumentType[];
  /** Default `completed`: only documents whose extraction succeeded have lines to check. */
  extractionStatus?: ExtractionStatusFilter;
}

export class InvalidJobFiltersError extends Error {
  override name = 'InvalidJobFiltersError';
  constructor(readonly problems: string[]) {
    super(`Invalid job filters: ${problems.join('; ')}`);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** Validates the filters and fills defaults; throws InvalidJobFiltersError listing every problem. */
export function normalizeFilters(filters: JobFilters): Required<JobFilters> {
  const problems: string[] = [];
  const propertyIds = filters.propertyIds ?? [];
  const documentTypes = filters.documentTypes ?? [];
  const extractionStatus = filters.extractionStatus ?? 'completed';

  for (const id of propertyIds) {
    if (!Number.isSafeInteger(id) || id <= 0) problems.push(`property id ${JSON.stringify(id)} is not a positive integer`);
  }
  for (const type of documentTypes) {
    if (!DOCUMENT_TYPES.includes(type)) problems.push(`document type "${String(type)}" is not one of ${DOCUMENT_TYPES.join(', ')}`);
  }
  if (!EXTRACTION_STATUS_FILTERS.includes(extractionStatus)) {
    problems.push(`extraction status "${String(extractionStatus)}" is not one of ${EXTRACTION_STATUS_FILTERS.join(', ')}`);
  }
  for (const [name, value] of [['dateFrom', filters.dateFrom], ['dateTo', filters.dateTo]] as const) {
    if (value != null && !isIsoDate(value)) problems.push(`${name} "${value}" is not a date in YYYY-MM-DD form`);
  }
  if (filters.dateFrom && filters.dateTo && isIsoDate(filters.dateFrom) && isIsoDate(filters.dateTo) && filters.dateFrom > filters.dateTo) {
    problems.push(`dateFrom ${filters.dateFrom} is after dateTo ${filters.dateTo}`);
  }
  if (problems.length > 0) throw new InvalidJobFiltersError(problems);

  return {
    propertyIds: [...new Set(propertyIds)].sort((a, b) => a - b),
    dateFrom: filters.dateFrom ?? null,
    dateTo: filters.dateTo ?? null,
    documentTypes: [...new Set(documentTypes)].sort(),
    extractionStatus,
  };
}

/** Adds the filters' conditions on `document_uploads` (aliased `d`) to a query. */
export function applyFilters<T extends Knex.QueryBuilder>(query: T, filters: Required<JobFilters>): T {
  if (filters.propertyIds.length > 0) void query.whereIn('d.property_id', filters.propertyIds);
  if (filters.documentTypes.length > 0) void query.whereIn('d.document_type', filters.documentTypes);
  if (filters.dateFrom) void query.where('d.period_end', '>=', filters.dateFrom);
  if (filters.dateTo) void query.where('d.period_end', '<=', filters.dateTo);
  if (filters.extractionStatus !== 'all') void query.where('d.extraction_status', filters.extractionStatus);
  return query;
}
