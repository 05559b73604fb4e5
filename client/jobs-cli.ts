/**
 * Batch job commands (`npm run job -- <command>`):
 *   start   [--property ID]… [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--type TYPE]… [--status all|completed|failed|pending]
 *           [--name NAME] [--user EMAIL] [--concurrency N] [--follow] [--json]
 *   status  JOB_ID [--json]
 *   cancel  JOB_ID [--reason TEXT]
 *   pause   JOB_ID
 *   resume  JOB_ID
 *   list    [--user EMAIL] [--status STATUS] [--limit N] [--json]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';

import { createJob, workflowIdFor } from '../jobs/create-job';
import type { ExtractionStatusFilter } from '../jobs/filters';
import type { DocumentType } from '../domain/statements';
import { cancelSignal, pauseSignal, progressQuery, resumeSignal } from '../workflows/batch-messages';
import { openClientContext, userIdForEmail, type ClientContext } from './context';
import { followJob, readJobRow } from './follow-job';
import { printJobResults } from './print-results';

const OPTIONS = {
  property: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  type: { type: 'string', multiple: true },
  status: { type: 'string' },
  name: { type: 'string' },
  user: { type: 'string' },
  concurrency: { type: 'string' },
  reason: { type: 'string' },
  limit: { type: 'string' },
  follow: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function positiveInteger(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${flag} must be a positive integer, got "${raw}"`);
  return value;
}

function defaultUser(): string {
  return process.env.REIMS_USER ?? `${os.userInfo().username}@localhost`;
}

function jobIdArgument(positionals: string[]): number {
  const jobId = positiveInteger('JOB_ID', positionals[1]);
  if (jobId === undefined) throw new Error(`missing JOB_ID: usage npm run job -- ${positionals[0]} JOB_ID`);
  return jobId;
}

async function start(context: ClientContext, values: Values): Promise<void> {
  const initiatedBy = await userIdForEmail(context.knex, values.user ?? defaultUser());
  const propertyIds = (values.property ?? []).map((raw) => positiveInteger('--property', raw)!);
  const maxConcurrency = positiveInteger('--concurrency', values.concurrency);
  const job = await createJob(context.knex, context.temporal, context.endpoints.temporalTaskQueue, {
    filters: {
      propertyIds,
      dateFrom: values.from ?? null,
      dateTo: values.to ?? null,
      documentTypes: (values.type ?? []) as DocumentType[],
      extractionStatus: (values.status ?? 'completed') as ExtractionStatusFilter,
    },
    jobName: values.name ?? null,
    initiatedBy,
    options: maxConcurrency === undefined ? {} : { maxConcurrency },
  });

  if (!values.follow) {
    console.log(values.json ? JSON.stringify(job) : `Started job ${job.jobId} "${job.jobName}" over ${job.totalDocuments} documents (workflow ${job.workflowId})`);
    return;
  }
  if (!values.json) console.log(`Started job ${job.jobId} "${job.jobName}" over ${job.totalDocuments} documents`);
  const row = await followJob(context.temporal, context.knex, job.jobId);
  if (values.json) console.log(JSON.stringify(row));
  else await printJobResults(context.knex, row, context.endpoints.temporalUiUrl, (line) => console.log(line));
}

async function status(context: ClientContext, jobId: number, values: Values): Promise<void> {
  const row = await readJobRow(context.knex, jobId);
  if (!row) throw new Error(`job ${jobId} does not exist`);
  let progress: unknown = null;
  try {
    progress = await context.temporal.workflow.getHandle(workflowIdFor(jobId)).query(progressQuery);
  } catch {
    // No worker handles queries for a finished job or while workers are down, so the row is the record then.
  }
  if (values.json) {
    console.log(JSON.stringify({ job: row, progress }));
    return;
  }
  await printJobResults(context.knex, row, context.endpoints.temporalUiUrl, (line) => console.log(line), 10);
  if (progress) console.log(`Live progress: ${JSON.stringify(progress)}`);
}

async function signal(context: ClientContext, command: 'cancel' | 'pause' | 'resume', jobId: number, values: Values): Promise<void> {
  const row = await readJobRow(context.knex, jobId);
  if (!row) throw new Error(`job ${jobId} does not exist`);
  const handle = context.temporal.workflow.getHandle(workflowIdFor(jobId));
  if (command === 'cancel') await handle.signal(cancelSignal, values.reason ?? `cancelled by ${values.user ?? defaultUser()}`);
  if (command === 'pause') await handle.signal(pauseSignal);
  if (command === 'resume') await handle.signal(resumeSignal);
  console.log(`Sent ${command} to job ${jobId}`);
}

async function list(context: ClientContext, values: Values): Promise<void> {
  const limit = positiveInteger('--limit', values.limit) ?? 20;
  const query = context.knex('batch_reprocessing_jobs as j').leftJoin('users as u', 'u.id', 'j.initiated_by').orderBy('j.id', 'desc').limit(Math.min(limit, 500));
  if (values.user) void query.where('u.email', values.user);
  if (values.status) void query.where('j.status', values.status);
  const rows = await query.select('j.id', 'j.job_name', 'j.status', 'u.email as initiated_by', 'j.total_documents', 'j.processed_documents', 'j.failed_count', 'j.created_at');
  if (values.json) {
    console.log(JSON.stringify(rows));
    return;
  }
  for (const row of rows as Record<string, unknown>[]) {
    console.log(`${String(row.id).padStart(5)}  ${String(row.status).padEnd(22)} ${String(row.processed_documents)}/${String(row.total_documents)} docs  ${typeof row.initiated_by === 'string' ? row.initiated_by : '-'}  ${String(row.job_name)}`);
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ options: OPTIONS, allowPositionals: true });
  const command = positionals[0];
  if (values.help || !command) {
    console.log('usage: npm run job -- start|status|cancel|pause|resume|list [options] (see client/jobs-cli.ts)');
    return;
  }
  const context = await openClientContext();
  try {
    if (command === 'start') await start(context, values);
    else if (command === 'status') await status(context, jobIdArgument(positionals), values);
    else if (command === 'cancel' || command === 'pause' || command === 'resume') await signal(context, command, jobIdArgument(positionals), values);
    else if (command === 'list') await list(context, values);
    else throw new Error(`unknown command "${command}"; use start, status, cancel, pause, resume or list`);
  } finally {
    await context.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`job: ${(error as Error).message}`);
    process.exit(1);
  },
);
