/**
 * Finds or creates the properties that imported documents belong to, matched
 * by their unique code.
 */
import type { Knex } from '@mikro-orm/postgresql';

import type { ParsedDocument } from '../../domain/statements';
import { MissingPropertyError } from './errors';
import type { ImportOptions } from './import-types';

type PropertyOptions = Pick<ImportOptions, 'propertyCode' | 'propertyName' | 'propertyGroup'>;

/** Returns the property code of a document: the option when given, else the code the file carries. */
export function propertyCodeOf(document: ParsedDocument, options: PropertyOptions): string | null {
  return options.propertyCode ?? document.propertyCode;
}

/**
 * Returns the property id for each code the documents use, creating missing
 * properties. Names and groups given as options also update existing
 * properties; names read from a file never rename one.
 *
 * @throws MissingPropertyError when a document has no code and no option gives one.
 */
export async function resolveProperties(trx: Knex, fileName: string, documents: ParsedDocument[], options: PropertyOptions): Promise<Map<string, number>> {
  const requested = new Map<string, { name: string; group: string | null }>();
  for (const document of documents) {
    const code = propertyCodeOf(document, options);
    if (code === null || code.trim() === '') {
      throw new MissingPropertyError(fileName);
    }
    if (!requested.has(code)) {
      requested.set(code, { name: options.propertyName ?? document.propertyName ?? code, group: options.propertyGroup ?? document.propertyGroup ?? null });
    }
  }

  const rows = [...requested].map(([code, { name, group }]) => ({ code, name, property_group: group }));
  for (const chunk of chunks(rows, 1000)) {
    await trx('properties').insert(chunk).onConflict('code').ignore();
  }
  await applyExplicitProperty(trx, options);

  const found = await trx('properties').whereIn('code', [...requested.keys()]).select<Array<{ id: number; code: string }>>('id', 'code');
  return new Map(found.map((row) => [row.code, row.id]));
}

async function applyExplicitProperty(trx: Knex, options: PropertyOptions): Promise<void> {
  if (options.propertyCode === undefined) return;

  const changes: Record<string, string> = {};
  if (options.propertyName !== undefined) changes.name = options.propertyName;
  if (options.propertyGroup !== undefined) changes.property_group = options.propertyGroup;
  if (Object.keys(changes).length > 0) {
    await trx('properties').where({ code: options.propertyCode }).update(changes);
  }
}

/** Finds or creates the property of a failed file; returns null when no code is known. */
export async function findOrCreateProperty(trx: Knex, options: PropertyOptions): Promise<number | null> {
  if (options.propertyCode === undefined) return null;

  const row = { code: options.propertyCode, name: options.propertyName ?? options.propertyCode, property_group: options.propertyGroup ?? null };
  await trx('properties').insert(row).onConflict('code').ignore();
  await applyExplicitProperty(trx, options);
  const found = await trx('properties').where({ code: options.propertyCode }).first<{ id: number } | undefined>('id');
  return found?.id ?? null;
}

/** Splits rows into batches so one INSERT stays well under PostgreSQL's 65,535 bind parameters. */
export function chunks<T>(rows: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    result.push(rows.slice(start, start + size));
  }
  return result;
}
