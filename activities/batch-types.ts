/**
 * Inputs and results of the batch reprocessing activities. Pure types, so the
 * workflow can import them (as types) without pulling in any I/O.
 */
import type { Severity } from '../domain/statements';
import type { DocumentModelFigures } from '../models/job-cache-figures';

export type DocumentOutcomeKind = 'succeeded' | 'failed' | 'skipped';

export interface BeginJobInput {
  jobId: number;
}

export interface BeginJobResult {
  totalDocuments: number;
  /** Documents with a larger id (imported after the job started) are not part of the job. */
  maxDocumentId: number;
}

export interface FetchDocumentPageInput {
  jobId: number;
  /** Exclusive lower bound on document ids (the cursor). */
  afterId: number;
  maxDocumentId: number;
  limit: number;
}

export interface ReprocessDocumentInput {
  jobId: number;
  documentId: number;
}

export interface ReprocessDocumentResult {
  documentId: number;
  outcome: DocumentOutcomeKind;
  /** Reason a document failed or was skipped. */
  reason: string | null;
  detectionCount: number;
  bySeverity: Partial<Record<Severity, number>>;
  durationMs: number;
  /** The document's model-cache use; the job's totals are kept in its row, not summed in the workflow. */
  modelCache?: DocumentModelFigures;
}

export interface RecordDocumentFailureInput {
  jobId: number;
  documentId: number;
  reason: string;
}

export interface JobProgress {
  status: string;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  skipped: number;
  /** 0–100, one decimal. */
  percent: number;
  documentsPerSecond: number;
  /** ISO timestamp, null until throughput is known. */
  estimatedCompletionAt: string | null;
  paused: boolean;
  cancelRequested: boolean;
}

export interface RecordProgressInput {
  jobId: number;
  /** Status written to the job row. */
  jobStatus: 'running' | 'paused';
  progress: JobProgress;
}

export interface SlowDocument {
  documentId: number;
  durationMs: number;
}

export interface FinalizeJobInput {
  jobId: number;
  status: 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';
  progress: JobProgress;
  slowestDocuments: SlowDocument[];
  /** Set when the job itself failed (not one of its documents). */
  error?: string;
}
