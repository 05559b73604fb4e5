/**
 * Shared vocabulary of the product: the kinds of statement, of line and of
 * parsed output that the importer produces and the detectors read. Pure types
 * and constants only, so workflows, activities and the detector library can
 * all import it.
 */

export const DOCUMENT_TYPES = ['balance_sheet', 'income_statement', 'cash_flow', 'rent_roll'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const EXTRACTION_STATUSES = ['pending', 'completed', 'failed'] as const;
export type ExtractionStatus = (typeof EXTRACTION_STATUSES)[number];

/** `header` lines carry no amount (section titles); the others carry one. */
export const LINE_KINDS = ['detail', 'subtotal', 'total', 'header'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const PROPERTY_GROUPS = ['multifamily', 'office', 'retail', 'industrial', 'mixed_use', 'other'] as const;
export type PropertyGroup = (typeof PROPERTY_GROUPS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where an amount sits on a PDF page, in PDF points with the origin at the page's top-left corner. */
export interface PageBox {
  pageNumber: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  matchedText: string;
  /** Extraction confidence in [0, 1]. */
  confidence: number;
  extractionMethod: string;
}

/** One line of a statement as the importer read it. */
export interface ParsedLine {
  accountCode: string | null;
  accountName: string;
  /** Exact decimal text with two places ("-1234.50"); null for header lines. */
  amount: string | null;
  lineKind: LineKind;
  /** assets, liabilities, equity, revenue, expense, below_noi, adjustments, cash_flow, rent_roll, … */
  section: string | null;
  /** Extra fields a line carries (rent roll area and lease dates, year-to-date amounts). */
  attributes?: Record<string, unknown>;
  /** The amount's place on the page, for PDF sources. */
  box?: PageBox;
}

/** One statement as the importer read it from a file, before it is stored. */
export interface ParsedDocument {
  documentType: DocumentType;
  propertyCode: string | null;
  propertyName: string | null;
  propertyGroup?: PropertyGroup | null;
  /** ISO dates (YYYY-MM-DD). */
  periodStart: string;
  periodEnd: string;
  lines: ParsedLine[];
  /** Facts about the source that are not lines (report title, Yardi book and tree, source row, column label). */
  attributes?: Record<string, unknown>;
}
