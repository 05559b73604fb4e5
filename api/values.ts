/** Conversions of database values to the API's JSON shapes. */

/** Formats a `date` column as YYYY-MM-DD. The driver returns a string, or a Date at UTC midnight when date parsing is on. */
export function isoDate(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' ? value : null;
}
