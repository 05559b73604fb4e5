/**
 * Keyset pagination by descending id: a page holds rows with ids below the
 * cursor, so rows inserted while a client pages never shift later pages. The
 * cursor is opaque to clients (base64url of the last id of the page).
 */
import type { Knex } from '@mikro-orm/postgresql';

import { ProblemError, PROBLEM_TYPES } from './problem';

export interface Page<T> {
  items: T[];
  /** Cursor of the next page; null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(lastId: number): string {
  return Buffer.from(String(lastId), 'utf8').toString('base64url');
}

/** Decodes a cursor; rejects anything that this API did not issue with a 400 naming `cursor`. */
export function decodeCursor(cursor: string): number {
  const id = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new ProblemError(400, PROBLEM_TYPES.validation, 'Invalid request', 'The cursor is not one returned by this API', [
      { in: 'querystring', pointer: '/cursor', detail: 'is not a cursor returned by this API' },
    ]);
  }
  return id;
}

/**
 * Runs a query one page at a time: orders by `idColumn` descending, applies
 * the cursor, and reads one row more than `limit` to know whether a next page
 * exists.
 */
export async function fetchPage<Row extends { id: number }, T>(
  query: Knex.QueryBuilder,
  idColumn: string,
  options: { limit: number; cursor?: string | undefined },
  map: (row: Row) => T,
): Promise<Page<T>> {
  if (options.cursor !== undefined) void query.where(idColumn, '<', decodeCursor(options.cursor));
  const rows = (await query.orderBy(idColumn, 'desc').limit(options.limit + 1)) as Row[];

  const hasMore = rows.length > options.limit;
  const pageRows = hasMore ? rows.slice(0, options.limit) : rows;
  const nextCursor = hasMore ? encodeCursor(pageRows[pageRows.length - 1]!.id) : null;
  return { items: pageRows.map(map), nextCursor };
}
