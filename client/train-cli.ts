/**
 * Pre-trains the multivariate models of some properties (`npm run train -- --property ID…`)
 * as a `train-models-<id>` workflow, drawing its progress until it ends.
 *
 *   --property ID     property to train, repeatable (required)
 *   --concurrency N   scopes trained at once, 1 to 64 (default 4)
 *   --json            print the workflow's result as JSON
 */
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import type { WorkflowHandle } from '@temporalio/client';

import { trainModelsWorkflowId, trainProgressQuery, type TrainModelsResult, type trainModelsWorkflow } from '../workflows/train-models';
import { openClientContext } from './context';

const OPTIONS = {
  property: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function positiveInteger(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${flag} must be a positive integer, got "${raw}"`);
  return value;
}

/** Polls the progress query until the workflow ends; returns its result. */
async function follow(handle: WorkflowHandle<typeof trainModelsWorkflow>): Promise<TrainModelsResult> {
  const bar = new SingleBar({ format: ' {bar} {value}/{total} scopes | trained {trained} cached {cached} skipped {skipped} failed {failed}', stream: process.stderr, noTTYOutput: process.stderr.isTTY !== true, notTTYSchedule: 5000 });
  bar.start(0, 0, { trained: 0, cached: 0, skipped: 0, failed: 0 });
  const result = handle.result();
  let finished = false;
  void result.finally(() => (finished = true)).catch(() => undefined);

  while (!finished) {
    try {
      const progress = await handle.query(trainProgressQuery);
      bar.setTotal(progress.total);
      bar.update(progress.done, progress);
    } catch {
      // The query fails before the first workflow task runs and after the workflow ends; the next poll or the result decides.
    }
    await sleep(500);
  }
  bar.stop();
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS });
  if (values.help) {
    console.log('usage: npm run train -- --property ID [--property ID]… [--concurrency N] [--json]');
    return;
  }
  const propertyIds = (values.property ?? []).map((raw) => positiveInteger('--property', raw));
  if (propertyIds.length === 0) throw new Error('missing --property: name at least one property id to train');
  const maxConcurrency = values.concurrency === undefined ? undefined : positiveInteger('--concurrency', values.concurrency);

  const context = await openClientContext();
  try {
    const workflowId = trainModelsWorkflowId(crypto.randomUUID());
    const handle = await context.temporal.workflow.start<typeof trainModelsWorkflow>('trainModelsWorkflow', {
      taskQueue: context.endpoints.temporalTaskQueue,
      workflowId,
      args: [{ propertyIds, ...(maxConcurrency === undefined ? {} : { maxConcurrency }) }],
    });
    if (!values.json) console.log(`Started ${workflowId} for properties ${propertyIds.join(', ')}`);

    const result = await follow(handle);
    if (values.json) console.log(JSON.stringify(result));
    else console.log(`Scopes: ${result.progress.total}; trained ${result.progress.trained}, cached ${result.progress.cached}, skipped ${result.progress.skipped}, failed ${result.progress.failed}`);
    for (const failure of result.failures) console.error(`failed ${failure.scopeKey}: ${failure.reason}`);
    if (result.failures.length > 0) process.exitCode = 1;
  } finally {
    await context.close();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(`train: ${(error as Error).message}`);
    process.exit(1);
  },
);
