/**
 * Helpers for the flag tests: flags under a test-unique prefix on the shared
 * Unleash server (provisioned, changed and deleted again), a client on them
 * whose log lines are captured, and a closed local port for an unreachable
 * server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';

import type { Logger } from '../../config/logger';
import { FeatureFlags, type FeatureFlagsOptions } from '../../flags/feature-flags';
import type { FlagName } from '../../flags/flag-definitions';
import { provisionFlags } from '../../flags/provision-flags';
import { UnleashAdmin } from '../../flags/unleash-admin';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export const WARN_LEVEL = 40;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with npm test, which starts the stack`);
  return value;
}

export function unleashUrl(): string {
  return requiredEnv('REIMS_TEST_UNLEASH_URL');
}

export function adminClient(): UnleashAdmin {
  return new UnleashAdmin(unleashUrl(), requiredEnv('REIMS_TEST_UNLEASH_ADMIN_TOKEN'));
}

export function testPrefix(): string {
  return `test-${crypto.randomBytes(4).toString('hex')}.`;
}

/** Creates a logger at debug level whose JSON lines land in `lines`. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

export function temporaryDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `reims-${label}-`));
}

/** Returns a port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts a client on the shared server for the prefixed flags, polling every 200 ms so changes show quickly. */
export function startTestFlags(prefix: string, options: Partial<FeatureFlagsOptions> = {}): Promise<FeatureFlags> {
  return FeatureFlags.start({
    url: unleashUrl(),
    apiToken: requiredEnv('REIMS_TEST_UNLEASH_API_TOKEN'),
    backupDir: temporaryDir('flags'),
    logger: capturingLogger().logger,
    toggleNamePrefix: prefix,
    refreshIntervalMs: 200,
    sendMetrics: false,
    ...options,
  });
}

export async function provisionTestFlags(prefix: string): Promise<void> {
  await provisionFlags({ apiUrl: unleashUrl(), adminToken: requiredEnv('REIMS_TEST_UNLEASH_ADMIN_TOKEN'), toggleNamePrefix: prefix });
}

function featurePath(toggle: string): string {
  return `projects/default/features/${encodeURIComponent(toggle)}`;
}

export async function switchFlag(toggle: string, on: boolean): Promise<void> {
  await adminClient().request('POST', `${featurePath(toggle)}/environments/development/${on ? 'on' : 'off'}`);
}

/** Sets the rollout percentage (and variants) of the flag's first strategy in `development`, sticky on the property id. */
export async function setRollout(toggle: string, percent: number, variants: unknown[] = []): Promise<void> {
  const admin = adminClient();
  const feature = await admin.get<{ environments: { name: string; strategies: { id: string }[] }[] }>(featurePath(toggle));
  const strategy = feature!.environments.find((environment) => environment.name === 'development')!.strategies[0]!;
  await admin.request('PUT', `${featurePath(toggle)}/environments/development/strategies/${strategy.id}`, {
    name: 'flexibleRollout',
    parameters: { rollout: String(percent), stickiness: 'propertyId', groupId: toggle },
    constraints: [],
    variants,
  });
}

/** Archives and then deletes every flag with the prefix. */
export async function deleteTestFlags(prefix: string): Promise<void> {
  const admin = adminClient();
  const listing = await admin.get<{ features: { name: string }[] }>('projects/default/features');
  for (const { name } of listing?.features ?? []) {
    if (!name.startsWith(prefix)) continue;
    await admin.request('DELETE', featurePath(name), undefined, [404]);
    await admin.request('DELETE', `archive/${encodeURIComponent(name)}`, undefined, [404]);
  }
}

export function toggle(prefix: string, flag: FlagName): string {
  return `${prefix}${flag}`;
}

/**
 * Waits until the client holds the toggle in the given on/off state. The
 * server serves a change to clients after a short delay, so a client started
 * right after a change may not see it yet.
 */
export async function waitForToggle(flags: FeatureFlags, flag: FlagName, enabled: boolean): Promise<void> {
  await waitUntil(`the client sees ${flags.toggleName(flag)} ${enabled ? 'on' : 'off'}`, () => flags.unleash.getFeatureToggleDefinition(flags.toggleName(flag))?.enabled === enabled);
}

/** Waits until the client holds the toggle with the given rollout percentage in its first strategy. */
export async function waitForRollout(flags: FeatureFlags, flag: FlagName, percent: number): Promise<void> {
  await waitUntil(`the client sees ${flags.toggleName(flag)} at ${percent}%`, () => {
    const strategy = flags.unleash.getFeatureToggleDefinition(flags.toggleName(flag))?.strategies?.[0];
    return strategy?.parameters?.rollout === String(percent);
  });
}

/** Polls until `check` holds, at most `timeoutMs`. */
export async function waitUntil(description: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${description}`);
}
