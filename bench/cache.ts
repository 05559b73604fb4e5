/**
 * `npm run bench:cache`: the model cache's effect on per-document detection.
 *
 * Seeds synthetic monthly income statements (default 40 properties × 36
 * months) into a database of its own on the local stack, then runs
 * `reprocessDocument` with multivariate detection over every document
 * three times, one document at a time:
 * 1. cold cache (a full portfolio pass from empty: its hit rate),
 * 2. warm cache (every model in memory),
 * 3. cache off (training on every document).
 * It prints the mean time per document of passes 2 and 3, their ratio, the
 * hit rate of pass 1 and the bytes of model held in memory.
 *
 *   npm run bench:cache -- [--properties 40] [--months 36]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Knex } from '@mikro-orm/postgresql';

import { loadConfig } from '../config/env';
import { migrateUp } from '../db/migrate';
import { openOrm } from '../db/orm';
import { reprocessDocument } from '../activities/reprocess-document';
import { emptyFigures, type DocumentModelFigures } from '../models/job-cache-figures';
import { ModelCache } from '../models/model-cache';
import { ensureDatabase } from '../stack/postgres';
import { resolveEndpoints } from '../stack/endpoints';
import { startStack } from '../stack/stack';
import { seedStatements } from '../tests/support/seed-statements';

const BENCH_DATABASE = 'reims_bench_cache';

function readOptions(): { properties: number; months: number } {
  const { values } = parseArgs({ options: { properties: { type: 'string' }, months: { type: 'string' } } });
  const read = (name: string, raw: string | undefined, fallback: number): number => {
    const value = Number(raw ?? fallback);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
    return value;
  };
  return { properties: read('properties', values.properties, 40), months: read('months', values.months, 36) };
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

interface PassResult {
  meanMs: number;
  figures: DocumentModelFigures;
}

/** Reprocesses every document once, in order, and sums the model figures. */
async function runPass(knex: Knex, cache: ModelCache, documentIds: number[], modelCache: boolean, label: string): Promise<PassResult> {
  const [job] = await knex('batch_reprocessing_jobs').insert({ job_name: `bench cache ${label}`, status: 'running' }).returning<{ id: number }[]>('id');
  const figures = emptyFigures();
  const started = performance.now();

  for (const documentId of documentIds) {
    const result = await reprocessDocument(knex, { jobId: job!.id, documentId }, () => undefined, { cache, switches: { multivariate: true, modelCache } });
    const used = result.modelCache ?? emptyFigures();
    for (const name of Object.keys(figures) as (keyof DocumentModelFigures)[]) figures[name] += used[name];
  }
  return { meanMs: (performance.now() - started) / documentIds.length, figures };
}

async function main(): Promise<void> {
  const options = readOptions();
  const config = loadConfig();
  await startStack(config, { onMessage: (line) => console.error(line) });
  const databaseUrl = await recreateDatabase(resolveEndpoints(config).databaseUrl);
  const orm = await openOrm({ databaseUrl, poolSize: 4 });
  const knex = orm.em.getConnection().getKnex();
  const cache = new ModelCache(knex);

  try {
    const documentIds = await seedStatements(knex, options.properties, options.months);
    console.log(`Seeded ${documentIds.length} income statements (${options.properties} properties × ${options.months} months)`);

    const cold = await runPass(knex, cache, documentIds, true, 'cold');
    const warm = await runPass(knex, cache, documentIds, true, 'warm');
    const untrained = await runPass(knex, cache, documentIds, false, 'off');
    const memory = cache.memoryUsage();

    console.log(`cold pass hit rate          ${(cold.figures.hits / cold.figures.lookups).toFixed(4)} (${cold.figures.misses} trainings of ${cold.figures.lookups} look-ups)`);
    console.log(`warm cache, per document    ${warm.meanMs.toFixed(2)} ms (hit rate ${(warm.figures.hits / warm.figures.lookups).toFixed(4)}, mean load ${(warm.figures.loadMs / warm.figures.hits).toFixed(2)} ms)`);
    console.log(`cache off, per document     ${untrained.meanMs.toFixed(2)} ms (mean train ${(untrained.figures.trainMs / untrained.figures.trainings).toFixed(2)} ms)`);
    console.log(`ratio off / warm            ${(untrained.meanMs / warm.meanMs).toFixed(2)}`);
    console.log(`cache memory                ${memory.bytes} bytes in ${memory.models} models`);
  } finally {
    await cache.close();
    await orm.close(true);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:cache: ${(error as Error).message}`);
    process.exit(1);
  },
);
