import { defineEntity, p } from '@mikro-orm/core';

import { SEVERITIES, type Severity } from '../../domain/statements';
import { DocumentUpload } from './document-upload';
import { FinancialLineItem } from './financial-line-item';
import { Property } from './property';

export const DETECTION_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type DetectionStatus = (typeof DETECTION_STATUSES)[number];

/**
 * One finding on one document. Re-running detection replaces the document's
 * open detections from the same detector; confirmed and dismissed ones stay.
 */
export const AnomalyDetection = defineEntity({
  name: 'AnomalyDetection',
  tableName: 'anomaly_detections',
  properties: {
    id: p.integer().primary().autoincrement(),
    documentUpload: () => p.manyToOne(DocumentUpload).deleteRule('cascade').index('anomaly_detections_document_upload_id_index'),
    property: () => p.manyToOne(Property).deleteRule('cascade').index('anomaly_detections_property_id_index'),
    lineItem: () => p.manyToOne(FinancialLineItem).nullable().deleteRule('set null'),
    accountCode: p.string().length(50).nullable(),
    period: p.date().nullable(),
    actualValue: p.decimal().precision(15).scale(2).nullable(),
    expectedValue: p.decimal().precision(15).scale(2).nullable(),
    score: p.double().columnType('double precision').nullable(),
    severity: p.enum(SEVERITIES as unknown as Severity[]).columnType('varchar(10)'),
    anomalyType: p.string().length(50).index('anomaly_detections_anomaly_type_index'),
    detector: p.string().length(100),
    modelKey: p.string().length(255).nullable(),
    batchJobId: p.integer().nullable().index('anomaly_detections_batch_job_id_index'),
    status: p.enum(DETECTION_STATUSES as unknown as DetectionStatus[]).columnType('varchar(20)').default('open'),
    /** Plain-English statement of the finding, for the accountant. */
    message: p.text().nullable(),
    /** What the detector compared (inputs, thresholds, features). */
    details: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()').onCreate(() => new Date()),
  },
});
