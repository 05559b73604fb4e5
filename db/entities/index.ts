export * from './user';
export * from './property';
export * from './document-upload';
export * from './financial-line-item';
export * from './anomaly-detection';
export * from './anomaly-feedback';
export * from './anomaly-explanation';
export * from './anomaly-model-cache';
export * from './cross-property-benchmark';
export * from './batch-reprocessing-job';
export * from './pdf-field-coordinate';
export * from './pyod-model-selection-log';
export * from './batch-job-document';
export * from './api-key';

import { AnomalyDetection } from './anomaly-detection';
import { ApiKey } from './api-key';
import { AnomalyExplanation } from './anomaly-explanation';
import { AnomalyFeedback } from './anomaly-feedback';
import { AnomalyModelCache } from './anomaly-model-cache';
import { BatchJobDocument } from './batch-job-document';
import { BatchReprocessingJob } from './batch-reprocessing-job';
import { CrossPropertyBenchmark } from './cross-property-benchmark';
import { DocumentUpload } from './document-upload';
import { FinancialLineItem } from './financial-line-item';
import { PdfFieldCoordinate } from './pdf-field-coordinate';
import { Property } from './property';
import { PyodModelSelectionLog } from './pyod-model-selection-log';
import { User } from './user';

export const ALL_ENTITIES = [
  User,
  Property,
  DocumentUpload,
  FinancialLineItem,
  AnomalyDetection,
  AnomalyFeedback,
  AnomalyExplanation,
  AnomalyModelCache,
  CrossPropertyBenchmark,
  BatchReprocessingJob,
  PdfFieldCoordinate,
  PyodModelSelectionLog,
  BatchJobDocument,
  ApiKey,
];
