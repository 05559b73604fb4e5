/**
 * Re-runs detection on one document and stores the result in one
 * transaction: the document's open detections from the statement detectors
 * are replaced (confirmed and dismissed ones, and their feedback, stay), and
 * the document's outcome for the job is recorded.
 */
import type { Knex } from '@mikro-orm/postgresql';

import { centsToDecimal } from '../domain/money';
import { DETECTOR_NAMES, detectStatementAnomalies, InvalidStatementError, type Finding } from '../detectors/statements';
import { addDocumentFigures, emptyFigures, type DocumentModelFigures } from '../models/job-cache-figures';
import type { ModelCache } from '../models/model-cache';
import type { ModelSwitches } from '../models/model-switches';
import { detectMultivariate } from '../models/multivariate-detection';
import type { MultivariateFinding } from '../models/multivariate-finding';
import type { ReprocessDocumentInput, ReprocessDocumentResult } from './batch-types';
import { upsertOutcome } from './job-store';
import { loadDocument, loadHistory, loadRelated, loadStatement, type StoredDocument } from './statement-loader';

type Outcome = Pick<ReprocessDocumentResult, 'outcome' | 'reason'> & {
  findings: (Finding | MultivariateFinding)[];
  /** True when the multivariate detector ran, so its open detections are replaced too. */
  multivariateRan?: boolean;
  modelFigures?: DocumentModelFigures;
};

/** The model cache and the document's switches; without it only the statement detectors run. */
export interface MultivariateContext {
  cache: ModelCache;
  switches: ModelSwitches;
}

/** Returns the outcome of a document that cannot be checked at all, or null when it can. */
function unprocessableReason(document: StoredDocument): Outcome | null {
  if (document.extractionStatus === 'failed') {
    return { outcome: 'failed', reason: `extraction failed: ${document.extractionError ?? 'no reason recorded'}`, findings: [] };
  }
  if (document.extractionStatus === 'pending') return { outcome: 'skipped', reason: 'document is not extracted yet', findings: [] };
  if (document.propertyId === null || document.periodStart === null || document.periodEnd === null) {
    return { outcome: 'failed', reason: 'document has no property or statement period', findings: [] };
  }
  return null;
}

async function detect(knex: Knex, document: StoredDocument, models?: MultivariateContext): Promise<Outcome> {
  const statement = await loadStatement(knex, document);
  if (statement.lines.length === 0) return { outcome: 'skipped', reason: 'document has no line items', findings: [] };

  const [history, related] = await Promise.all([loadHistory(knex, document), loadRelated(knex, document)]);
  try {
    const run = detectStatementAnomalies({ statement, history, relatedStatements: related });
    if (models === undefined) return { outcome: 'succeeded', reason: null, findings: run.findings };

    const multivariate = await detectMultivariate(knex, models.cache, { propertyId: document.propertyId!, documentType: document.documentType, statement, history, switches: models.switches });
    return { outcome: 'succeeded', reason: null, findings: [...run.findings, ...multivariate.findings], multivariateRan: multivariate.ran, modelFigures: multivariate.figures };
  } catch (error) {
    if (error instanceof InvalidStatementError) return { outcome: 'failed', reason: `corrupt statement data: ${error.message}`, findings: [] };
    throw error;
  }
}

function detectionRow(finding: Finding | MultivariateFinding, document: StoredDocument, jobId: number): Record<string, unknown> {
  return {
    document_upload_id: document.id,
    property_id: document.propertyId,
    line_item_id: finding.lineId === null ? null : Number(finding.lineId),
    account_code: finding.accountCode,
    period: finding.period,
    actual_value: centsToDecimal(finding.actualCents),
    expected_value: finding.expectedCents === null ? null : centsToDecimal(finding.expectedCents),
    score: Number.isFinite(finding.score) ? finding.score : null,
    severity: finding.severity,
    anomaly_type: finding.anomalyType,
    detector: finding.detector,
    model_key: 'modelKey' in finding ? finding.modelKey : null,
    batch_job_id: jobId,
    message: finding.message,
    details: JSON.stringify(finding.details),
  };
}

/**
 * `beat` is called between phases so that the worker can report liveness; a
 * worker that dies mid-document is then noticed within the heartbeat timeout.
 */
export async function reprocessDocument(
  knex: Knex,
  { jobId, documentId }: ReprocessDocumentInput,
  beat: () => void = () => undefined,
  models?: MultivariateContext,
): Promise<ReprocessDocumentResult> {
  const startedAt = performance.now();
  const document = await loadDocument(knex, documentId);
  beat();
  const outcome: Outcome = document === null
    ? { outcome: 'skipped', reason: 'document no longer exists', findings: [] }
    : (unprocessableReason(document) ?? (await detect(knex, document, models)));
  beat();
  const durationMs = Math.round(performance.now() - startedAt);

  await knex.transaction(async (trx) => {
    if (document !== null && outcome.outcome === 'succeeded') {
      await trx('anomaly_detections')
        .where({ document_upload_id: documentId, status: 'open' })
        .where((ran) => {
          void ran.whereIn('detector', [...DETECTOR_NAMES]);
          if (outcome.multivariateRan === true) void ran.orWhere('detector', 'like', 'multivariate.%');
        })
        .delete();
      const rows = outcome.findings.map((finding) => detectionRow(finding, document, jobId));
      if (rows.length > 0) await trx.batchInsert('anomaly_detections', rows, 500);
    }
    if (document !== null) {
      await addDocumentFigures(trx, jobId, documentId, outcome.modelFigures ?? emptyFigures());
      await upsertOutcome(trx, { jobId, documentId, outcome: outcome.outcome, reason: outcome.reason, detectionCount: outcome.findings.length, durationMs });
    }
  });

  const bySeverity: ReprocessDocumentResult['bySeverity'] = {};
  for (const finding of outcome.findings) bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
  return { documentId, outcome: outcome.outcome, reason: outcome.reason, detectionCount: outcome.findings.length, bySeverity, durationMs, modelCache: outcome.modelFigures ?? emptyFigures() };
}
