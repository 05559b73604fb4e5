/**
 * The main job, end to end (`npm run demo`). It starts the local stack,
 * migrates and provisions the feature flags in Unleash. It imports the real
 * statements in ../shared/real-docs when that folder exists, any folders
 * given with --docs, and the generated sample portfolio. Then it starts a
 * worker, runs one batch reprocessing job over everything with a live
 * progress bar, and prints what it found.
 *
 *   npm run demo -- [--docs DIR]… [--seed N] [--concurrency N] [--user EMAIL]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';

import { loadConfig } from '../config/env';
import { createLogger } from '../config/logger';
import { migrateUp } from '../db/migrate';
import { closeProcessFeatureFlags, startProcessFeatureFlags } from '../flags/process-flags';
import { describeProvisioned, provisionFlags } from '../flags/provision-flags';
import { createJob } from '../jobs/create-job';
import { runImport } from '../importer/store';
import { generatePortfolio, SYNTHETIC_NOTICE } from '../sample-portfolio/generate-portfolio';
import { resolveEndpoints } from '../stack/endpoints';
import { startStack } from '../stack/stack';
import { createWorker } from '../worker/create-worker';
import { openClientContext, userIdForEmail } from './context';
import { followJob } from './follow-job';
import { printJobResults } from './print-results';

const print = (line: string): void => console.log(line);

function readOptions(): { docs: string[]; seed: number; concurrency: number; user: string } {
  const { values } = parseArgs({
    options: { docs: { type: 'string', multiple: true }, seed: { type: 'string' }, concurrency: { type: 'string' }, user: { type: 'string' } },
  });
  const seed = Number(values.seed ?? 42);
  const concurrency = Number(values.concurrency ?? 16);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got "${values.seed}"`);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 500) throw new Error(`--concurrency must be an integer from 1 to 500, got "${values.concurrency}"`);
  for (const dir of values.docs ?? []) {
    if (!fs.existsSync(dir)) throw new Error(`--docs ${dir} does not exist`);
  }
  return { docs: values.docs ?? [], seed, concurrency, user: values.user ?? 'demo@reims.local' };
}

async function main(): Promise<void> {
  const options = readOptions();
  const config = loadConfig();

  print('== Starting the stack');
  await startStack(config, { onMessage: print });
  const endpoints = resolveEndpoints(config);
  const applied = await migrateUp(endpoints.databaseUrl);
  print(applied.length > 0 ? `Database migrations applied: ${applied.length}` : 'Database schema is up to date');
  if (endpoints.unleashAdminToken !== null) {
    const provisioned = await provisionFlags({ apiUrl: endpoints.unleashApiUrl, adminToken: endpoints.unleashAdminToken, environment: endpoints.unleashEnvironment });
    print(`Feature flags: ${provisioned.map(describeProvisioned).join('; ')}`);
  }
  const flags = await startProcessFeatureFlags({ logger: createLogger('flags', 'warn') });

  const sampleDir = path.join(config.dataDir, 'sample-portfolio');
  print(`\n== Generating the sample portfolio in ${sampleDir}`);
  print(SYNTHETIC_NOTICE);
  const portfolio = await generatePortfolio({ seed: options.seed, outDir: sampleDir });
  print(`${portfolio.files.length} files, ${portfolio.documentCount} documents, ${portfolio.anomalies.length} labelled anomalies`);

  const sharedDocs = path.resolve(config.rootDir, '..', 'shared', 'real-docs');
  // The generator's statement files only: its README and ground truth are not statements.
  const sampleStatements = portfolio.files.filter((file) => /\.(csv|xlsx)$/i.test(file));
  const inputs = [...(fs.existsSync(sharedDocs) ? [sharedDocs] : []), ...options.docs, ...sampleStatements];
  const context = await openClientContext();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: endpoints.temporalAddress });
  try {
    print(`\n== Importing ${[...(fs.existsSync(sharedDocs) ? [sharedDocs] : []), ...options.docs, sampleDir].join(', ')}`);
    await runImport(context.orm, inputs, { storeDir: path.join(config.dataDir, 'source-files') }, print);

    const worker = await createWorker({ connection, namespace: endpoints.temporalNamespace, taskQueue: endpoints.temporalTaskQueue, orm: context.orm, logger: createLogger('worker', 'warn'), flags });
    const running = worker.run();
    try {
      print('\n== Running a batch reprocessing job over every imported document');
      const job = await createJob(context.knex, context.temporal, endpoints.temporalTaskQueue, {
        filters: { extractionStatus: 'completed' },
        jobName: null,
        initiatedBy: await userIdForEmail(context.knex, options.user),
        options: { maxConcurrency: options.concurrency },
        flags,
      });
      print(`Job ${job.jobId} "${job.jobName}": ${job.totalDocuments} documents`);
      const row = await followJob(context.temporal, context.knex, job.jobId);
      await printJobResults(context.knex, row, endpoints.temporalUiUrl, print);
      print('\nThe servers keep running for the Web UI; stop them with: npm run stack:stop');
    } finally {
      worker.shutdown();
      await running;
    }
  } finally {
    await connection.close();
    await context.close();
    await closeProcessFeatureFlags();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`demo: ${(error as Error).message}`);
    process.exit(1);
  },
);
