/**
 * Batch reprocessing: re-runs anomaly detection over every document a job
 * selects, durably. Documents are paged from the database by id, so history
 * contains one page of ids at a time. Each document is one activity, with a
 * bounded number in flight. The workflow continues as new after a set number
 * of documents or when the server suggests it, carrying only counters and the
 * cursor, so a 100,000-document job keeps a small history.
 *
 * Cancelling (the `cancel` signal, or cancelling the workflow from the Web UI
 * or the client API) stops new documents from starting, lets in-flight ones
 * finish and ends the job `cancelled` with exact counts.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  condition,
  continueAsNew,
  isCancellation,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  allHandlersFinished,
  setCurrentDetails,
} from '@temporalio/workflow';

import type { BatchActivities } from '../activities/batch-activities';
import type { JobProgress, ReprocessDocumentResult, SlowDocument } from '../activities/batch-types';
import { cancelSignal, pauseSignal, progressQuery, resumeSignal } from './batch-messages';
import { JOB_STATUS_KEY } from './search-attributes';

/** Timeouts and retries, declared once. Bad input is non-retryable by error type. */
const NON_RETRYABLE = ['InvalidJobInputError', 'JobNotFoundError'];

const jobActivities = proxyActivities<BatchActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10, nonRetryableErrorTypes: NON_RETRYABLE },
});

const documentActivities = proxyActivities<BatchActivities>({
  startToCloseTimeout: '2 minutes',
  // The activity heartbeats between phases, so a document on a worker that died is retried within this time.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '20 seconds', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

export interface BatchReprocessOptions {
  /** Documents in flight at once; default 8, at most 500 (Temporal caps pending activities at 2,000). */
  maxConcurrency?: number;
  /** Document ids fetched per page; default 200. */
  pageSize?: number;
  /** Continue as new after this many documents in one run; default 2,000. */
  continueAsNewAfter?: number;
  /** How often progress is written to the job row, in milliseconds of workflow time; default 2,000. */
  progressIntervalMs?: number;
}

/** State carried from one run to the next by continue-as-new. */
export interface CarriedState {
  cursor: number;
  maxDocumentId: number;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  startedAtMs: number;
  slowest: SlowDocument[];
  paused: boolean;
  cancelRequested: boolean;
  runs: number;
}

export interface BatchReprocessInput {
  jobId: number;
  options?: BatchReprocessOptions;
  /** Set only by continue-as-new. */
  carried?: CarriedState;
}

export interface BatchReprocessResult {
  jobId: number;
  status: 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';
  progress: JobProgress;
}

const SLOWEST_KEPT = 10;

function resolveOptions(options: BatchReprocessOptions = {}): Required<BatchReprocessOptions> {
  const resolved = {
    maxConcurrency: options.maxConcurrency ?? 8,
    pageSize: options.pageSize ?? 200,
    continueAsNewAfter: options.continueAsNewAfter ?? 2000,
    progressIntervalMs: options.progressIntervalMs ?? 2000,
  };
  const checks: [keyof BatchReprocessOptions, number, number][] = [
    ['maxConcurrency', 1, 500],
    ['pageSize', 1, 1000],
    ['continueAsNewAfter', 1, 1_000_000],
    ['progressIntervalMs', 0, 3_600_000],
  ];
  for (const [name, min, max] of checks) {
    const value = resolved[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw ApplicationFailure.nonRetryable(`option ${name} must be an integer from ${min} to ${max}, got ${String(value)}`, 'InvalidJobInputError');
    }
  }
  return resolved;
}

export async function batchReprocessWorkflow(input: BatchReprocessInput): Promise<BatchReprocessResult> {
  if (!Number.isSafeInteger(input.jobId) || input.jobId <= 0) {
    throw ApplicationFailure.nonRetryable(`jobId must be a positive integer, got ${String(input.jobId)}`, 'InvalidJobInputError');
  }
  const options = resolveOptions(input.options);
  const job = new BatchRun(input.jobId, options, input.carried);

  // Workflow cancellation (Web UI, client API) is turned into the same stop as the cancel signal.
  CancellationScope.current().cancelRequested.catch(() => job.requestCancel('workflow cancelled'));
  setHandler(cancelSignal, (reason?: string) => job.requestCancel(reason ?? 'cancel signal'));
  setHandler(pauseSignal, () => job.setPaused(true));
  setHandler(resumeSignal, () => job.setPaused(false));
  setHandler(progressQuery, () => job.progress());

  const result = await CancellationScope.nonCancellable(() => job.run());
  if (result === 'continue') {
    await condition(allHandlersFinished);
    return continueAsNew<typeof batchReprocessWorkflow>({ jobId: input.jobId, options: input.options, carried: job.carry() });
  }
  if (job.cancelledByWorkflow) throw new CancelledFailure(`batch job ${input.jobId} cancelled`);
  return result;
}

class BatchRun {
  private state: CarriedState;
  private inFlight = 0;
  private processedThisRun = 0;
  private lastProgressWriteMs = 0;
  private progressWrite: Promise<void> | null = null;
  private failure: string | null = null;
  cancelledByWorkflow = false;

  constructor(
    private readonly jobId: number,
    private readonly options: Required<BatchReprocessOptions>,
    carried: CarriedState | undefined,
  ) {
    this.state = carried ?? {
      cursor: 0, maxDocumentId: 0, total: 0, succeeded: 0, failed: 0, skipped: 0,
      startedAtMs: Date.now(), slowest: [], paused: false, cancelRequested: false, runs: 0,
    };
  }

  requestCancel(reason: string): void {
    this.state.cancelRequested = true;
    if (reason === 'workflow cancelled') this.cancelledByWorkflow = true;
  }

  setPaused(paused: boolean): void {
    this.state.paused = paused;
  }

  carry(): CarriedState {
    return { ...this.state, runs: this.state.runs + 1 };
  }

  async run(): Promise<BatchReprocessResult | 'continue'> {
    try {
      if (this.state.runs === 0) await this.begin();

      const outcome = await this.processPages();
      if (outcome === 'continue') {
        await this.writeProgress(true);
        return 'continue';
      }
      return await this.finish(this.finalStatus());
    } catch (error) {
      if (isCancellation(error)) throw error;
      this.failure = error instanceof ActivityFailure && error.cause ? error.cause.message : (error as Error).message;
      return await this.finish('failed');
    }
  }

  private async begin(): Promise<void> {
    const begun = await jobActivities.beginJob({ jobId: this.jobId });
    this.state.total = begun.totalDocuments;
    this.state.maxDocumentId = begun.maxDocumentId;
    this.state.startedAtMs = Date.now();
    upsertSearchAttributes([{ key: JOB_STATUS_KEY, value: 'running' }]);
    await this.writeProgress(true);
  }

  /** Runs pages until the job is done, cancelled, or due to continue as new. */
  private async processPages(): Promise<'done' | 'continue'> {
    for (;;) {
      if (this.state.cancelRequested) return 'done';
      if (this.processedThisRun >= this.options.continueAsNewAfter || workflowInfo().continueAsNewSuggested) return 'continue';

      const page = await jobActivities.fetchDocumentPage({
        jobId: this.jobId,
        afterId: this.state.cursor,
        maxDocumentId: this.state.maxDocumentId,
        limit: this.options.pageSize,
      });
      if (page.length === 0) return 'done';

      await this.processPage(page);
    }
  }

  private async processPage(documentIds: number[]): Promise<void> {
    const running: Promise<void>[] = [];
    for (const documentId of documentIds) {
      if (this.state.paused && !this.state.cancelRequested) await this.waitWhilePaused();
      await condition(() => this.state.cancelRequested || (!this.state.paused && this.inFlight < this.options.maxConcurrency));
      if (this.state.cancelRequested) break;

      this.inFlight += 1;
      // The cursor moves when a document starts, so a cancelled job never revisits it.
      this.state.cursor = documentId;
      running.push(this.processDocument(documentId).finally(() => (this.inFlight -= 1)));
    }
    await Promise.all(running);
  }

  private async waitWhilePaused(): Promise<void> {
    upsertSearchAttributes([{ key: JOB_STATUS_KEY, value: 'paused' }]);
    await this.writeProgress(true, 'paused');
    await condition(() => !this.state.paused || this.state.cancelRequested);
    upsertSearchAttributes([{ key: JOB_STATUS_KEY, value: 'running' }]);
    await this.writeProgress(true);
  }

  private async processDocument(documentId: number): Promise<void> {
    let result: ReprocessDocumentResult;
    try {
      result = await documentActivities.reprocessDocument({ jobId: this.jobId, documentId });
    } catch (error) {
      const reason = error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
      await jobActivities.recordDocumentFailure({ jobId: this.jobId, documentId, reason });
      result = { documentId, outcome: 'failed', reason, detectionCount: 0, bySeverity: {}, durationMs: 0 };
    }
    this.count(result);
    await this.writeProgress(false);
  }

  private count(result: ReprocessDocumentResult): void {
    this.processedThisRun += 1;
    if (result.outcome === 'succeeded') this.state.succeeded += 1;
    else if (result.outcome === 'failed') this.state.failed += 1;
    else this.state.skipped += 1;

    this.state.slowest = [...this.state.slowest, { documentId: result.documentId, durationMs: result.durationMs }]
      .sort((a, b) => b.durationMs - a.durationMs || a.documentId - b.documentId)
      .slice(0, SLOWEST_KEPT);
  }

  private finalStatus(): BatchReprocessResult['status'] {
    if (this.state.cancelRequested) return 'cancelled';
    return this.state.failed > 0 ? 'completed_with_errors' : 'completed';
  }

  private async finish(status: BatchReprocessResult['status']): Promise<BatchReprocessResult> {
    await condition(() => this.inFlight === 0);
    await this.progressWrite;
    const progress = { ...this.progress(), status };
    await jobActivities.finalizeJob({
      jobId: this.jobId,
      status,
      progress,
      slowestDocuments: this.state.slowest,
      ...(this.failure !== null ? { error: this.failure } : {}),
    });
    upsertSearchAttributes([{ key: JOB_STATUS_KEY, value: status }]);
    return { jobId: this.jobId, status, progress };
  }

  /** Mirrors progress to the job row at most once per interval (always when `force`), one write at a time. */
  private async writeProgress(force: boolean, jobStatus: 'running' | 'paused' = 'running'): Promise<void> {
    const now = Date.now();
    const due = force || now - this.lastProgressWriteMs >= this.options.progressIntervalMs;
    if (!due || (this.progressWrite !== null && !force)) return;

    await this.progressWrite;
    this.lastProgressWriteMs = now;
    const progress = this.progress();
    setCurrentDetails(describeProgress(this.jobId, progress));
    this.progressWrite = jobActivities.recordJobProgress({ jobId: this.jobId, jobStatus, progress }).finally(() => (this.progressWrite = null));
    if (force) await this.progressWrite;
  }

  private statusText(): string {
    if (this.state.cancelRequested) return 'cancelling';
    if (this.state.paused) return 'paused';
    return 'running';
  }

  progress(): JobProgress {
    const processed = this.state.succeeded + this.state.failed + this.state.skipped;
    const elapsedSeconds = Math.max((Date.now() - this.state.startedAtMs) / 1000, 0.001);
    const documentsPerSecond = processed / elapsedSeconds;
    const remaining = Math.max(this.state.total - processed, 0);
    const estimatedCompletionAt = processed > 0 && documentsPerSecond > 0 ? new Date(Date.now() + (remaining / documentsPerSecond) * 1000).toISOString() : null;

    return {
      status: this.statusText(),
      total: this.state.total,
      processed,
      succeeded: this.state.succeeded,
      failed: this.state.failed,
      skipped: this.state.skipped,
      percent: this.state.total > 0 ? Math.round((processed / this.state.total) * 1000) / 10 : 100,
      documentsPerSecond: Math.round(documentsPerSecond * 100) / 100,
      estimatedCompletionAt,
      paused: this.state.paused,
      cancelRequested: this.state.cancelRequested,
    };
  }
}

function describeProgress(jobId: number, progress: JobProgress): string {
  return [
    `**Batch job ${jobId}**: ${progress.status}`,
    `${progress.processed} of ${progress.total} documents (${progress.percent}%)`,
    `succeeded ${progress.succeeded}, failed ${progress.failed}, skipped ${progress.skipped}`,
    `${progress.documentsPerSecond} documents/s`,
  ].join('\n\n');
}
