import { defineEntity, p } from '@mikro-orm/core';

import { DOCUMENT_TYPES, EXTRACTION_STATUSES, type DocumentType, type ExtractionStatus } from '../../domain/statements';
import { Property } from './property';

/**
 * One statement read from one source file. A failed import keeps its row with
 * `extraction_status = failed` and the reason, so nothing a user sent is lost;
 * the property and period are then null when the file did not reveal them.
 */
export const DocumentUpload = defineEntity({
  name: 'DocumentUpload',
  tableName: 'document_uploads',
  properties: {
    id: p.integer().primary().autoincrement(),
    property: () => p.manyToOne(Property).nullable().deleteRule('cascade').index('document_uploads_property_id_index'),
    documentType: p.enum(DOCUMENT_TYPES as unknown as DocumentType[]).columnType('varchar(30)'),
    periodStart: p.date().nullable(),
    periodEnd: p.date().nullable(),
    uploadDate: p.datetime().columnType('timestamptz').defaultRaw('now()').onCreate(() => new Date()),
    fileName: p.string().length(500),
    fileSha256: p.string().length(64).index('document_uploads_file_sha256_index'),
    extractionStatus: p.enum(EXTRACTION_STATUSES as unknown as ExtractionStatus[]).columnType('varchar(20)').default('pending'),
    extractionError: p.text().nullable(),
    /** Set when a changed source file replaced the lines, so the next job re-runs detection on it. */
    reprocessRequestedAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()').onCreate(() => new Date()),
  },
});
