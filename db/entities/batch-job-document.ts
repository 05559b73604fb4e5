import { defineEntity, p } from '@mikro-orm/core';

import { BatchReprocessingJob } from './batch-reprocessing-job';
import { DocumentUpload } from './document-upload';

export const DOCUMENT_OUTCOMES = ['succeeded', 'failed', 'skipped'] as const;
export type DocumentOutcome = (typeof DOCUMENT_OUTCOMES)[number];

/**
 * The outcome of one document in one job. Its primary key makes recording an
 * outcome idempotent, so a retried or replayed activity never counts twice.
 */
export const BatchJobDocument = defineEntity({
  name: 'BatchJobDocument',
  tableName: 'batch_job_documents',
  properties: {
    job: () => p.manyToOne(BatchReprocessingJob).primary().deleteRule('cascade'),
    documentUpload: () => p.manyToOne(DocumentUpload).primary().deleteRule('cascade').index('batch_job_documents_document_upload_id_index'),
    outcome: p.enum(DOCUMENT_OUTCOMES as unknown as DocumentOutcome[]).columnType('varchar(20)'),
    reason: p.text().nullable(),
    detectionCount: p.integer().default(0),
    durationMs: p.integer().default(0),
    processedAt: p.datetime().columnType('timestamptz').defaultRaw('now()').onCreate(() => new Date()),
  },
});
