/**
 * Records a file that could not be imported as one failed `document_uploads`
 * row with the reason, so nothing a user sent disappears silently.
 */
import type { Knex } from '@mikro-orm/postgresql';

import type { DocumentType } from '../../domain/statements';
import type { DocumentImportResult, ImportOptions } from './import-types';
import { findOrCreateProperty } from './property-rows';

export interface FailureInput {
  fileName: string;
  /** Null when the file could not be read. */
  sha256: string | null;
  message: string;
  options: Pick<ImportOptions, 'propertyCode' | 'propertyName' | 'propertyGroup' | 'documentType'>;
}

/**
 * Inserts the failed row, or updates the one a previous import of the same
 * bytes left, so re-importing a failed file never adds a second row.
 */
export async function recordFailure(knex: Knex, input: FailureInput): Promise<DocumentImportResult> {
  return knex.transaction(async (trx) => {
    const propertyId = await findOrCreateProperty(trx, input.options);
    const documentType = input.options.documentType ?? documentTypeFromName(input.fileName);
    // An unreadable file has no hash; its row is keyed by the empty hash and the file name instead.
    const sha256 = input.sha256 ?? '';

    const previous = await trx('document_uploads')
      .where({ file_sha256: sha256, extraction_status: 'failed' })
      .modify((query) => {
        if (input.sha256 === null) void query.where({ file_name: input.fileName });
      })
      .orderBy('id')
      .first<{ id: number; property_id: number | null } | undefined>('id', 'property_id');

    const fields = { file_name: input.fileName, document_type: documentType, extraction_error: input.message, property_id: propertyId ?? previous?.property_id ?? null };
    let documentId: number;
    if (previous) {
      await trx('document_uploads').where({ id: previous.id }).update({ ...fields, upload_date: trx.fn.now() });
      documentId = previous.id;
    } else {
      const [row] = await trx('document_uploads')
        .insert({ ...fields, file_sha256: sha256, extraction_status: 'failed' })
        .returning<Array<{ id: number }>>('id');
      documentId = row!.id;
    }

    return { documentId, documentType, propertyCode: input.options.propertyCode ?? null, periodStart: null, periodEnd: null, lineCount: 0, status: 'failed' };
  });
}

/**
 * Guesses the statement type of a failed file from its name.
 *
 * NOTE: `document_type` is NOT NULL in the schema, so a failed file whose type
 * is unknown is stored as `income_statement`. Pass --type to record the right one.
 */
export function documentTypeFromName(fileName: string): DocumentType {
  const name = fileName.toLowerCase();
  if (/balance[\s_-]*sheet/.test(name)) return 'balance_sheet';
  if (/cash[\s_-]*flow/.test(name)) return 'cash_flow';
  if (/rent[\s_-]*roll/.test(name)) return 'rent_roll';
  return 'income_statement';
}
