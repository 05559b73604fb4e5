/** Temporal helpers for tests: a client and a worker on a task queue of the test's own. */
import crypto from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

import { createLogger } from '../../config/logger';
import type { MikroORM } from '../../db/orm';
import { createBatchActivities } from '../../activities/batch-activities';
import { createWorker, workflowsPath } from '../../worker/create-worker';

export function temporalAddress(): string {
  const address = process.env.REIMS_TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('REIMS_TEST_TEMPORAL_ADDRESS is not set: run the tests with npm test, which starts the stack');
  return address;
}

export async function connectClient(): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address: temporalAddress() });
  return { client: new Client({ connection, namespace: 'default' }), close: () => connection.close() };
}

let runtimeInstalled = false;

/** Keeps the SDK's worker logs to warnings, so test output stays readable. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | null = null;

/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
  return bundle;
}

export function uniqueTaskQueue(label: string): string {
  return `test-${label}-${crypto.randomBytes(4).toString('hex')}`;
}

export interface TestWorkerOptions {
  /**
   * Extra time each document takes, so a test can act (pause, cancel) while a
   * job is certainly mid-way. Only the worker of that test is slowed.
   */
  documentDelayMs?: number;
}

function slowedActivities(orm: MikroORM, delayMs: number): Record<string, (...args: never[]) => Promise<unknown>> {
  const activities = createBatchActivities({ orm, logger: createLogger('test-worker', 'warn') });
  return {
    ...activities,
    reprocessDocument: async (input: Parameters<typeof activities.reprocessDocument>[0]) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return activities.reprocessDocument(input);
    },
  };
}

export async function startTestWorker(orm: MikroORM, taskQueue: string, options: TestWorkerOptions = {}): Promise<{ worker: Worker; running: Promise<void>; stop(): Promise<void> }> {
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address: temporalAddress() });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue,
    orm,
    logger: createLogger('test-worker', 'warn'),
    workerOptions: {
      workflowBundle: await workflowBundle(),
      workflowsPath: undefined,
      ...(options.documentDelayMs ? { activities: slowedActivities(orm, options.documentDelayMs) } : {}),
    },
  });
  const running = worker.run();
  return {
    worker,
    running,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
