/**
 * The one feature flag client of a process. Entry points (the worker, the
 * demo, an API server) start it once and close it at shutdown. Library code
 * that is given no client uses the process client when one is started, and
 * otherwise a short-lived client built from the configuration that is
 * closed right after use, so a script that never started one (a client
 * command, a test) still obeys the flags.
 */
import path from 'node:path';

import { loadConfig, type AppConfig } from '../config/env';
import { createLogger, type Logger } from '../config/logger';
import { resolveEndpoints } from '../stack/endpoints';
import { FeatureFlags, type FeatureFlagsOptions } from './feature-flags';

let processClient: Promise<FeatureFlags> | null = null;

/** Client options from the product configuration; the backup file goes to `<dataDir>/flags`. */
export function featureFlagOptionsFromConfig(config: AppConfig, logger: Logger): FeatureFlagsOptions {
  const endpoints = resolveEndpoints(config);
  return {
    url: endpoints.unleashApiUrl,
    apiToken: endpoints.unleashApiToken,
    environment: endpoints.unleashEnvironment,
    backupDir: path.join(config.dataDir, 'flags'),
    logger,
  };
}

/** Starts the process client on first call; later calls return the same client and ignore `overrides`. */
export function startProcessFeatureFlags(overrides: Partial<FeatureFlagsOptions> = {}): Promise<FeatureFlags> {
  if (processClient === null) {
    const config = loadConfig();
    const logger = overrides.logger ?? createLogger('flags', config.logLevel);
    processClient = FeatureFlags.start({ ...featureFlagOptionsFromConfig(config, logger), ...overrides });
  }
  return processClient;
}

export async function closeProcessFeatureFlags(): Promise<void> {
  const client = processClient;
  processClient = null;
  if (client !== null) await (await client).close();
}

/** Runs `use` with the given client, else the process client, else a short-lived client from the configuration. */
export async function withFeatureFlags<T>(given: FeatureFlags | undefined, use: (flags: FeatureFlags) => T | Promise<T>): Promise<T> {
  if (given !== undefined) return use(given);
  if (processClient !== null) return use(await processClient);

  const config = loadConfig();
  const flags = await FeatureFlags.start(featureFlagOptionsFromConfig(config, createLogger('flags', config.logLevel)));
  try {
    return await use(flags);
  } finally {
    await flags.close();
  }
}
