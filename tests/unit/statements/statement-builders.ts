/** Builders of small hand-made statements for the statement detector tests. */
import type { DocumentType, LineKind } from '../../../domain/statements';
import type { Statement, StatementLine } from '../../../detectors/statements';

/** One line as [code, name, dollars or null for a header, kind, section]; dollars are converted to exact cents. */
export type LineSpec = [code: string | null, name: string, dollars: number | null, kind: LineKind, section: string | null];

export function toCents(dollars: number): number {
  return Math.round(dollars * 100);
}

export function buildLines(specs: LineSpec[], idPrefix = 'L'): StatementLine[] {
  return specs.map(([accountCode, accountName, dollars, lineKind, section], index) => ({
    lineId: `${idPrefix}${index + 1}`,
    accountCode,
    accountName,
    amountCents: dollars === null ? null : toCents(dollars),
    lineKind,
    section,
    position: index + 1,
  }));
}

export interface StatementSpec {
  documentType: DocumentType;
  periodStart: string;
  periodEnd: string;
  lines: LineSpec[];
  documentId?: string;
  propertyId?: string;
}

export function buildStatement(spec: StatementSpec): Statement {
  const documentId = spec.documentId ?? `${spec.documentType}-${spec.periodEnd}`;
  return {
    documentId,
    propertyId: spec.propertyId ?? 'P1',
    documentType: spec.documentType,
    periodStart: spec.periodStart,
    periodEnd: spec.periodEnd,
    lines: buildLines(spec.lines, `${documentId}:`),
  };
}

/** The last day of a month, as an ISO date. */
export function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function monthStart(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** Replaces the amount of the line with `code` (first match) by `dollars`. */
export function withAmount(statement: Statement, code: string, dollars: number): Statement {
  let replaced = false;
  const lines = statement.lines.map((line) => {
    if (replaced || line.accountCode !== code) return line;
    replaced = true;
    return { ...line, amountCents: toCents(dollars) };
  });
  if (!replaced) throw new Error(`withAmount: no line with code ${code}`);
  return { ...statement, lines };
}
