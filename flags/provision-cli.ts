/**
 * `npm run flags:provision`: creates or updates the engine's feature flags in
 * the configured Unleash server (the local stack's, or UNLEASH_URL with
 * UNLEASH_ADMIN_TOKEN) for the environment UNLEASH_ENVIRONMENT (default
 * `development`). Safe to run any number of times.
 */
import { loadConfig } from '../config/env';
import { resolveEndpoints } from '../stack/endpoints';
import { describeProvisioned, provisionFlags } from './provision-flags';

async function main(): Promise<void> {
  const endpoints = resolveEndpoints(loadConfig());
  if (endpoints.unleashAdminToken === null) {
    throw new Error('no Unleash admin token: set UNLEASH_ADMIN_TOKEN, or start the local stack with "npm run stack:start", which creates one');
  }

  const results = await provisionFlags({ apiUrl: endpoints.unleashApiUrl, adminToken: endpoints.unleashAdminToken, environment: endpoints.unleashEnvironment });
  console.log(`Feature flags in ${endpoints.unleashApiUrl} (environment ${endpoints.unleashEnvironment}):`);
  for (const result of results) console.log(`  ${describeProvisioned(result)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`flags:provision: ${(error as Error).message}`);
    process.exit(1);
  },
);
