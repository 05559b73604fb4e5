/**
 * Activities of batch reprocessing. Each is idempotent: running one twice
 * (a retry, a replay, a restarted worker) leaves the same rows as running it
 * once.
 */
import type { Knex } from '@mikro-orm/postgresql';
import { ApplicationFailure, heartbeat } from '@temporalio/activity';

import type { Logger } from '../config/logger';
import type { MikroORM } from '../db/orm';
import type { FeatureFlags } from '../flags/feature-flags';
import { BATCH_REPROCESSING, type FlagDecisions } from '../flags/flag-definitions';
import { evaluateJobFlags, jobFlagsFor } from '../flags/job-flags';
import { documentPropertyId, JobFlagCache, jobInitiator, saveJobFlagRecord, selectionProperties } from '../flags/job-flag-store';
import { withFeatureFlags } from '../flags/process-flags';
import type {
  BeginJobInput,
  BeginJobResult,
  FetchDocumentPageInput,
  FinalizeJobInput,
  RecordDocumentFailureInput,
  RecordProgressInput,
  ReprocessDocumentInput,
  ReprocessDocumentResult,
} from './batch-types';
import { ModelCache } from '../models/model-cache';
import { modelSwitches, type ModelSwitches } from '../models/model-switches';
import { reprocessDocument } from './reprocess-document';
import { countSelection, loadJobFilters, pageSelection, upsertOutcome, type OutcomeRecord } from './job-store';
import { buildResultsSummary } from './results-summary';

export interface BatchActivityDependencies {
  orm: MikroORM;
  logger: Logger;
  /** Multivariate detection: the model cache (default one per call) and forced switches (default: the job's flags). */
  models?: { cache?: ModelCache; overrides?: Partial<ModelSwitches> };
  /** Flag client; default the process client, else a short-lived one per job start. */
  flags?: FeatureFlags;
}

function knexOf(orm: MikroORM): Knex {
  return orm.em.getConnection().getKnex();
}

/** Reads the flag decisions a document of a job follows, from the job's record (cached per worker). */
async function documentDecisions(knex: Knex, flagRecords: JobFlagCache, { jobId, documentId }: ReprocessDocumentInput): Promise<{ propertyId: number | null; decisions: FlagDecisions }> {
  const propertyId = await documentPropertyId(knex, documentId);
  return { propertyId, decisions: jobFlagsFor(await flagRecords.get(jobId), propertyId) };
}

/** Returns the outcome of a document whose property is outside the batch reprocessing rollout. */
function excludedOutcome({ jobId, documentId }: ReprocessDocumentInput, propertyId: number | null): OutcomeRecord {
  const reason = `batch reprocessing is off for property ${propertyId ?? '(none)'} (flag ${BATCH_REPROCESSING})`;
  return { jobId, documentId, outcome: 'skipped', reason, detectionCount: 0, durationMs: 0 };
}

export function createBatchActivities({ orm, logger, flags, models }: BatchActivityDependencies) {
  const knex = knexOf(orm);
  const modelCache = models?.cache ?? new ModelCache(knex, { logger });
  const flagRecords = new JobFlagCache(knex);

  return {
    /**
     * Marks the job running, fixes its document set (the count and the
     * largest id at this moment) and records its flag decisions once.
     */
    async beginJob({ jobId }: BeginJobInput): Promise<BeginJobResult> {
      const filters = await loadJobFilters(knex, jobId);
      const { count, maxId } = await countSelection(knex, filters);
      const properties = await selectionProperties(knex, filters, maxId);
      const userId = await jobInitiator(knex, jobId);
      const evaluated = await withFeatureFlags(flags, (client) => evaluateJobFlags(client, { jobId, userId, properties }));
      const record = await saveJobFlagRecord(knex, jobId, evaluated);
      logger.info({ jobId, flagSource: record.source, properties: properties.length, evaluatedAt: record.evaluatedAt }, 'batch job flags recorded');

      await knex('batch_reprocessing_jobs')
        .where({ id: jobId })
        .update({ status: 'running', total_documents: count, started_at: knex.raw('coalesce(started_at, now())'), updated_at: knex.fn.now() });
      logger.info({ jobId, totalDocuments: count }, 'batch job started');
      return { totalDocuments: count, maxDocumentId: maxId };
    },

    async fetchDocumentPage({ jobId, afterId, maxDocumentId, limit }: FetchDocumentPageInput): Promise<number[]> {
      const filters = await loadJobFilters(knex, jobId);
      return pageSelection(knex, filters, afterId, maxDocumentId, limit);
    },

    async reprocessDocument(input: ReprocessDocumentInput): Promise<ReprocessDocumentResult> {
      if (!Number.isSafeInteger(input.documentId) || input.documentId <= 0) {
        throw ApplicationFailure.nonRetryable(`documentId must be a positive integer, got ${String(input.documentId)}`, 'InvalidJobInputError');
      }
      const { propertyId, decisions } = await documentDecisions(knex, flagRecords, input);
      if (!decisions[BATCH_REPROCESSING]) {
        const excluded = excludedOutcome(input, propertyId);
        await upsertOutcome(knex, excluded);
        return { documentId: input.documentId, outcome: 'skipped', reason: excluded.reason, detectionCount: 0, bySeverity: {}, durationMs: 0 };
      }

      const switches = modelSwitches(decisions, models?.overrides);
      const result = await reprocessDocument(knex, input, () => heartbeat(), { cache: modelCache, switches });
      logger.debug({ jobId: input.jobId, documentId: input.documentId, outcome: result.outcome, durationMs: result.durationMs }, 'document reprocessed');
      return result;
    },

    /** Records a document whose activity failed for good, so the job's failures list names it. */
    async recordDocumentFailure({ jobId, documentId, reason }: RecordDocumentFailureInput): Promise<void> {
      await upsertOutcome(knex, { jobId, documentId, outcome: 'failed', reason, detectionCount: 0, durationMs: 0 });
      logger.warn({ jobId, documentId, reason }, 'document failed after retries');
    },

    async recordJobProgress({ jobId, jobStatus, progress }: RecordProgressInput): Promise<void> {
      await knex('batch_reprocessing_jobs')
        .where({ id: jobId })
        .whereIn('status', ['queued', 'running', 'paused'])
        .update({
          status: jobStatus,
          total_documents: progress.total,
          processed_documents: progress.processed,
          successful_count: progress.succeeded,
          failed_count: progress.failed,
          skipped_count: progress.skipped,
          estimated_completion_at: progress.estimatedCompletionAt,
          updated_at: knex.fn.now(),
        });
    },

    async finalizeJob(input: FinalizeJobInput): Promise<void> {
      await modelCache.flushUsage();
      const summary = await buildResultsSummary(knex, input);
      await knex('batch_reprocessing_jobs')
        .where({ id: input.jobId })
        .update({
          status: input.status,
          total_documents: input.progress.total,
          processed_documents: input.progress.processed,
          successful_count: input.progress.succeeded,
          failed_count: input.progress.failed,
          skipped_count: input.progress.skipped,
          results_summary: JSON.stringify(summary),
          completed_at: knex.raw('coalesce(completed_at, now())'),
          estimated_completion_at: null,
          updated_at: knex.fn.now(),
        });
      logger.info({ jobId: input.jobId, status: input.status, processed: input.progress.processed }, 'batch job finished');
    },
  };
}

export type BatchActivities = ReturnType<typeof createBatchActivities>;
