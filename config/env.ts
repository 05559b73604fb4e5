/**
 * The product's configuration, read from the environment in one place and
 * validated at start-up: every problem is listed at once.
 *
 * When DATABASE_URL, TEMPORAL_ADDRESS or UNLEASH_URL is set, the product uses
 * that server and the stack starts none of its own for it.
 */
import path from 'node:path';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export interface StackPorts {
  /** Private PostgreSQL cluster; default 55432. */
  postgres: number;
  /** Temporal dev server gRPC; default 7233. */
  temporal: number;
  /** Temporal Web UI; default 8233. */
  temporalUi: number;
  /** Unleash server (API and console); default 4242. */
  unleash: number;
}

export interface AppConfig {
  /** Project root (the folder holding package.json). */
  rootDir: string;
  /** Folder for the local stack's data, logs, PID files and stored source files; default `<root>/.data`. */
  dataDir: string;
  ports: StackPorts;
  /** Set when DATABASE_URL points at an external PostgreSQL database. */
  databaseUrl: string | null;
  /** Database name of the product in the local cluster; default `reims`. */
  databaseName: string;
  /** Set when TEMPORAL_ADDRESS points at an external Temporal server. */
  temporalAddress: string | null;
  temporalNamespace: string;
  temporalTaskQueue: string;
  /** Set when UNLEASH_URL points at an external Unleash server (`…/api/`). */
  unleashUrl: string | null;
  unleashApiToken: string | null;
  unleashAdminToken: string | null;
  /** Unleash environment the backend token belongs to; default `development`. */
  unleashEnvironment: string;
  /** Path of the `temporal` CLI binary when given explicitly. */
  temporalCliPath: string | null;
  logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const ROOT_DIR = path.resolve(__dirname, '..');

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;

  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`${name} must be a TCP port between 1 and 65535, got "${raw}"`);
    return fallback;
  }
  return port;
}

function readOptional(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function checkUrl(name: string, value: string | null, protocols: string[], problems: string[]): void {
  if (value === null) return;
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name} must use ${protocols.join(' or ')}, got "${url.protocol}"`);
    }
  } catch {
    problems.push(`${name} is not a valid URL: "${value}"`);
  }
}

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const dataDir = path.resolve(readOptional(env, 'REIMS_DATA_DIR') ?? path.join(ROOT_DIR, '.data'));

  const ports: StackPorts = {
    postgres: readPort(env, 'REIMS_PG_PORT', 55432, problems),
    temporal: readPort(env, 'REIMS_TEMPORAL_PORT', 7233, problems),
    temporalUi: readPort(env, 'REIMS_TEMPORAL_UI_PORT', 8233, problems),
    unleash: readPort(env, 'REIMS_UNLEASH_PORT', 4242, problems),
  };

  const databaseUrl = readOptional(env, 'DATABASE_URL');
  checkUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:'], problems);

  const unleashUrl = readOptional(env, 'UNLEASH_URL');
  checkUrl('UNLEASH_URL', unleashUrl, ['http:', 'https:'], problems);
  const unleashApiToken = readOptional(env, 'UNLEASH_API_TOKEN');
  if (unleashUrl !== null && unleashApiToken === null) {
    problems.push('UNLEASH_API_TOKEN is missing: a backend token is required when UNLEASH_URL is set');
  }

  const logLevel = readOptional(env, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    rootDir: ROOT_DIR,
    dataDir,
    ports,
    databaseUrl,
    databaseName: readOptional(env, 'REIMS_DATABASE_NAME') ?? 'reims',
    temporalAddress: readOptional(env, 'TEMPORAL_ADDRESS'),
    temporalNamespace: readOptional(env, 'TEMPORAL_NAMESPACE') ?? 'default',
    temporalTaskQueue: readOptional(env, 'TEMPORAL_TASK_QUEUE') ?? 'reims-reprocessing',
    unleashUrl,
    unleashApiToken,
    unleashAdminToken: readOptional(env, 'UNLEASH_ADMIN_TOKEN'),
    unleashEnvironment: readOptional(env, 'UNLEASH_ENVIRONMENT') ?? 'development',
    temporalCliPath: readOptional(env, 'TEMPORAL_CLI_PATH'),
    logLevel,
  };
}
