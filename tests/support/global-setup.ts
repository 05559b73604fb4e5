/**
 * Jest global set-up: starts the local stack (or finds it running, or uses the
 * configured external servers), migrates a template database that each test
 * suite copies, provisions the feature flags, and passes the endpoints to the test workers through the
 * environment. REIMS_STACK=skip skips all of it, for pure unit tests.
 */
import fs from 'node:fs';
import path from 'node:path';

import { loadConfig } from '../../config/env';
import { migrateUp } from '../../db/migrate';
import { provisionFlags } from '../../flags/provision-flags';
import { resolveEndpoints } from '../../stack/endpoints';
import { ensureDatabase } from '../../stack/postgres';
import { startStack } from '../../stack/stack';
import { TEMPLATE_DATABASE } from './database';

export default async function globalSetup(): Promise<void> {
  if (process.env.REIMS_STACK === 'skip') return;

  const config = loadConfig();
  const states = await startStack(config, { timeoutMs: 90_000 });
  const started = states.filter((state) => state.state === 'started').map((state) => state.server);
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(path.join(config.dataDir, 'test-started-servers.json'), JSON.stringify(started));

  const endpoints = resolveEndpoints(config);
  const templateUrl = withDatabase(endpoints.databaseUrl, TEMPLATE_DATABASE);
  await ensureDatabase(endpoints.databaseUrl, TEMPLATE_DATABASE);
  await migrateUp(templateUrl);
  // The same flags a started stack has, so tests see what operators see on a fresh console.
  if (endpoints.unleashAdminToken) {
    await provisionFlags({ apiUrl: endpoints.unleashApiUrl, adminToken: endpoints.unleashAdminToken, environment: endpoints.unleashEnvironment });
  }

  process.env.REIMS_TEST_DATABASE_URL = endpoints.databaseUrl;
  process.env.REIMS_TEST_TEMPORAL_ADDRESS = endpoints.temporalAddress;
  process.env.REIMS_TEST_UNLEASH_URL = endpoints.unleashApiUrl;
  process.env.REIMS_TEST_UNLEASH_API_TOKEN = endpoints.unleashApiToken ?? '';
  process.env.REIMS_TEST_UNLEASH_ADMIN_TOKEN = endpoints.unleashAdminToken ?? '';
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
