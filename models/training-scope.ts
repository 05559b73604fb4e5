/**
 * Training scopes: which statements a document's multivariate model learns
 * from. A property with at least MIN_PROPERTY_HISTORY completed statements
 * of the document's type and period length trains on its own; a property
 * with fewer borrows the statements of every property in its group.
 */
import type { DocumentType } from '../domain/statements';

/** Statements a property needs before it gets a model of its own. */
export const MIN_PROPERTY_HISTORY = 12;

/** Fewer training rows than this and no model is trained: the scope is not judged. */
export const MIN_TRAINING_ROWS = 12;

/** Most recent statements a property scope trains on (ten years of months). */
export const MAX_PROPERTY_ROWS = 120;

/** Most recent statements a group scope trains on. */
export const MAX_GROUP_ROWS = 600;

export type PeriodClass = 'month' | 'quarter' | 'year';

/** Ranges of period_end − period_start in days, inclusive. */
export const PERIOD_CLASS_DAYS: Record<PeriodClass, [number, number]> = {
  month: [0, 31],
  quarter: [32, 95],
  year: [96, 370],
};

export interface TrainingScope {
  kind: 'property' | 'group';
  /** The property of a property scope; for a group scope, the property that asked (for logs only). */
  propertyId: number;
  /** Set for group scopes; null is the group of properties with no group. */
  propertyGroup: string | null;
  documentType: DocumentType;
  periodClass: PeriodClass;
}

export function scopeKey(scope: TrainingScope): string {
  const owner = scope.kind === 'property' ? `property:${scope.propertyId}` : `group:${scope.propertyGroup ?? '(none)'}`;
  return `${owner}:${scope.documentType}:${scope.periodClass}`;
}

/** The period class of a statement by its length, or null when it is longer than a year. */
export function periodClassOf(periodStart: string, periodEnd: string): PeriodClass | null {
  const days = (Date.parse(`${periodEnd}T00:00:00Z`) - Date.parse(`${periodStart}T00:00:00Z`)) / 86_400_000;
  for (const [name, [low, high]] of Object.entries(PERIOD_CLASS_DAYS) as [PeriodClass, [number, number]][]) {
    if (days >= low && days <= high) return name;
  }
  return null;
}
