/**
 * The self-hosted Unleash server of the stack. Its API tokens and the console's
 * admin password are generated at first start and kept in the data folder
 * (`unleash/credentials.json`), so later starts and the product reuse them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { spawnDetached, waitUntilHealthy } from './processes';

export const UNLEASH_SERVER = 'Unleash server';

export interface UnleashCredentials {
  adminToken: string;
  backendToken: string;
  adminPassword: string;
}

export function credentialsFile(unleashDir: string): string {
  return path.join(unleashDir, 'credentials.json');
}

/** Reads the stack's Unleash credentials, creating them on first use. */
export function ensureCredentials(unleashDir: string): UnleashCredentials {
  const file = credentialsFile(unleashDir);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as UnleashCredentials;

  const random = (): string => crypto.randomBytes(24).toString('hex');
  const credentials: UnleashCredentials = {
    // Unleash token format is `project:environment.secret`; admin tokens must be `*:*`.
    adminToken: `*:*.${random()}`,
    backendToken: `default:development.${random()}`,
    adminPassword: random().slice(0, 20),
  };
  fs.mkdirSync(unleashDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

export function readCredentials(unleashDir: string): UnleashCredentials | null {
  const file = credentialsFile(unleashDir);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as UnleashCredentials) : null;
}

export async function isUnleashHealthy(baseUrl: string): Promise<boolean> {
  const response = await fetch(new URL('health', baseUrl), { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

export interface UnleashServerOptions {
  dir: string;
  port: number;
  databaseUrl: string;
  credentials: UnleashCredentials;
  pidFile: string;
  logFile: string;
  timeoutMs: number;
}

/** Starts the Unleash server process and waits for its health endpoint; returns its PID. */
export async function startUnleash(options: UnleashServerOptions): Promise<number> {
  const entry = path.join(__dirname, 'unleash-main.ts');
  const pid = spawnDetached({
    command: process.execPath,
    args: ['--import', 'tsx', entry],
    logFile: options.logFile,
    pidFile: options.pidFile,
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      REIMS_UNLEASH_DATABASE_URL: options.databaseUrl,
      REIMS_UNLEASH_PORT: String(options.port),
      REIMS_UNLEASH_ADMIN_TOKEN: options.credentials.adminToken,
      REIMS_UNLEASH_BACKEND_TOKEN: options.credentials.backendToken,
      REIMS_UNLEASH_ADMIN_PASSWORD: options.credentials.adminPassword,
    },
  });

  await waitUntilHealthy(() => isUnleashHealthy(`http://127.0.0.1:${options.port}/`), {
    server: UNLEASH_SERVER,
    logFile: options.logFile,
    timeoutMs: options.timeoutMs,
    pid,
  });
  return pid;
}
