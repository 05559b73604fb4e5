/**
 * Pre-trains the multivariate models of a set of properties, so that the
 * next batch job finds them in the cache. Lists the properties' training
 * scopes, then trains each one with a bounded number in flight. Workflow id
 * `train-models-<requestId>`.
 */
import { ApplicationFailure, defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';

import type { ModelActivities, TrainScopeResult } from '../activities/model-activities';
import { scopeKey, type TrainingScope } from '../models/training-scope';

const NON_RETRYABLE = ['InvalidTrainingInputError'];

const listActivities = proxyActivities<ModelActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

const trainActivities = proxyActivities<ModelActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

export interface TrainModelsInput {
  propertyIds: number[];
  /** Scopes trained at once; default 4, at most 64. */
  maxConcurrency?: number;
}

export interface TrainModelsProgress {
  /** Scopes found; 0 until they are listed. */
  total: number;
  done: number;
  trained: number;
  cached: number;
  skipped: number;
  failed: number;
}

export interface TrainModelsResult {
  progress: TrainModelsProgress;
  scopes: TrainScopeResult[];
  /** Scope key and reason of every scope whose training failed after retries. */
  failures: { scopeKey: string; reason: string }[];
}

export const trainProgressQuery = defineQuery<TrainModelsProgress>('trainProgress');

export function trainModelsWorkflowId(requestId: string): string {
  return `train-models-${requestId}`;
}

function validate(input: TrainModelsInput): number {
  const bad = input.propertyIds.filter((id) => !Number.isSafeInteger(id) || id <= 0);
  if (input.propertyIds.length === 0 || bad.length > 0) {
    throw ApplicationFailure.nonRetryable(`propertyIds must be a non-empty list of positive integers, got ${JSON.stringify(input.propertyIds)}`, 'InvalidTrainingInputError');
  }
  const concurrency = input.maxConcurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw ApplicationFailure.nonRetryable(`maxConcurrency must be an integer from 1 to 64, got ${String(concurrency)}`, 'InvalidTrainingInputError');
  }
  return concurrency;
}

export async function trainModelsWorkflow(input: TrainModelsInput): Promise<TrainModelsResult> {
  const concurrency = validate(input);
  const progress: TrainModelsProgress = { total: 0, done: 0, trained: 0, cached: 0, skipped: 0, failed: 0 };
  setHandler(trainProgressQuery, () => ({ ...progress }));

  const scopes = await listActivities.listTrainingScopes({ propertyIds: input.propertyIds });
  progress.total = scopes.length;
  const results: TrainScopeResult[] = [];
  const failures: TrainModelsResult['failures'] = [];

  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < scopes.length) {
      const scope: TrainingScope = scopes[next]!;
      next += 1;
      try {
        const result = await trainActivities.trainScope({ scope });
        results.push(result);
        progress[result.outcome] += 1;
      } catch (error) {
        failures.push({ scopeKey: scopeKey(scope), reason: (error as Error).message });
        progress.failed += 1;
      }
      progress.done += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(scopes.length, 1)) }, lane));

  results.sort((a, b) => a.scopeKey.localeCompare(b.scopeKey));
  return { progress, scopes: results, failures };
}
