/**
 * `npm run bench:batch`: measures batch reprocessing throughput through
 * Temporal against the same detection run as a plain in-process loop.
 *
 * It writes N synthetic monthly income statements (default 10,000: 200
 * properties × 50 months, 8 lines each) into a database of its own on the
 * local stack. It runs one job through the Temporal dev server with one
 * in-process worker, then runs `reprocessDocument` over the same documents in a plain loop with the
 * same concurrency. It prints documents per second for both runs, their ratio
 * and the peak RSS of this process (which hosts the worker).
 *
 *   npm run bench:batch -- [--properties 200] [--months 50] [--concurrency 32]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';

import { loadConfig } from '../config/env';
import { createLogger } from '../config/logger';
import { migrateUp } from '../db/migrate';
import { openOrm } from '../db/orm';
import { reprocessDocument } from '../activities/reprocess-document';
import { createJob } from '../jobs/create-job';
import { ensureDatabase } from '../stack/postgres';
import { resolveEndpoints } from '../stack/endpoints';
import { startStack } from '../stack/stack';
import { createWorker } from '../worker/create-worker';
import type { Knex } from '@mikro-orm/postgresql';
import { seedStatements } from '../tests/support/seed-statements';

const BENCH_DATABASE = 'reims_bench';

function readOptions(): { properties: number; months: number; concurrency: number } {
  const { values } = parseArgs({ options: { properties: { type: 'string' }, months: { type: 'string' }, concurrency: { type: 'string' } } });
  const read = (name: string, raw: string | undefined, fallback: number): number => {
    const value = Number(raw ?? fallback);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
    return value;
  };
  return { properties: read('properties', values.properties, 200), months: read('months', values.months, 50), concurrency: read('concurrency', values.concurrency, 32) };
}

/** Samples this process's RSS every 100 ms and keeps the maximum. */
function trackPeakRss(): { peak(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return { peak: () => Math.max(peak, process.memoryUsage().rss), stop: () => clearInterval(timer) };
}

async function recreateDatabase(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
  await admin.end();
  await ensureDatabase(serverUrl, BENCH_DATABASE);
  const url = serverUrl.replace(/\/[^/]*$/, `/${BENCH_DATABASE}`);
  await migrateUp(url);
  return url;
}

/** Runs `reprocessDocument` over every document with at most `concurrency` at once. */
async function plainLoop(knex: Knex, jobId: number, documentIds: number[], concurrency: number): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < documentIds.length) {
      const documentId = documentIds[next]!;
      next += 1;
      await reprocessDocument(knex, { jobId, documentId });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

async function main(): Promise<void> {
  const options = readOptions();
  const config = loadConfig();
  await startStack(config, { onMessage: (line) => console.error(line) });
  const endpoints = resolveEndpoints(config);

  const databaseUrl = await recreateDatabase(endpoints.databaseUrl);
  const orm = await openOrm({ databaseUrl, poolSize: Math.max(10, options.concurrency + 4) });
  const knex = orm.em.getConnection().getKnex();
  const documentIds = await seedStatements(knex, options.properties, options.months);
  console.log(`Seeded ${documentIds.length} synthetic income statements (${options.properties} properties × ${options.months} months)`);

  Runtime.install({ logger: new DefaultLogger('WARN') });
  const nativeConnection = await NativeConnection.connect({ address: endpoints.temporalAddress });
  const connection = await Connection.connect({ address: endpoints.temporalAddress });
  const temporal = new Client({ connection, namespace: endpoints.temporalNamespace });
  const taskQueue = `bench-${Date.now()}`;
  const worker = await createWorker({ connection: nativeConnection, namespace: endpoints.temporalNamespace, taskQueue, orm, logger: createLogger('bench-worker', 'warn') });
  const running = worker.run();
  const rss = trackPeakRss();

  try {
    const temporalRuns: { label: string; seconds: number }[] = [];
    const started = performance.now();
    const job = await createJob(knex, temporal, taskQueue, { filters: {}, options: { maxConcurrency: options.concurrency } });
    await temporal.workflow.getHandle(job.workflowId).result();
    temporalRuns.push({ label: 'Temporal, 1 worker', seconds: (performance.now() - started) / 1000 });
    const temporalPeak = rss.peak();

    const [plainJob] = await knex('batch_reprocessing_jobs').insert({ job_name: 'bench plain loop', status: 'running' }).returning<{ id: number }[]>('id');
    const plainStart = performance.now();
    await plainLoop(knex, plainJob!.id, documentIds, options.concurrency);
    const plainSeconds = (performance.now() - plainStart) / 1000;

    const plainRate = documentIds.length / plainSeconds;
    console.log('');
    console.log(`run (concurrency ${options.concurrency})`.padEnd(32) + 'documents   seconds   documents/s   ratio to plain');
    for (const run of [...temporalRuns, { label: 'plain in-process loop', seconds: plainSeconds }]) {
      const rate = documentIds.length / run.seconds;
      console.log(`${run.label.padEnd(30)} ${String(documentIds.length).padStart(10)} ${run.seconds.toFixed(1).padStart(9)} ${rate.toFixed(1).padStart(13)} ${(rate / plainRate).toFixed(2).padStart(16)}`);
    }
    console.log(`peak RSS of the worker process during the Temporal run: ${(temporalPeak / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    rss.stop();
    worker.shutdown();
    await running;
    await connection.close();
    await nativeConnection.close();
    await orm.close(true);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:batch: ${(error as Error).message}`);
    process.exit(1);
  },
);
