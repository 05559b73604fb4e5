/**
 * Starts, checks and stops every server the product needs on this machine:
 * the private PostgreSQL cluster, the Temporal dev server and Unleash. A
 * server whose URL is configured (DATABASE_URL, TEMPORAL_ADDRESS,
 * UNLEASH_URL) is used as it is and never started here.
 */
import path from 'node:path';

import type { AppConfig } from '../config/env';
import * as postgres from './postgres';
import { isPortOpen, runningPid, ServerStartError, stopProcess, waitUntilHealthy } from './processes';
import * as temporal from './temporal';
import * as unleash from './unleash';

export interface StackOptions {
  /** Health-check timeout per server in milliseconds; default 60,000. */
  timeoutMs?: number;
  /** Receives one line per step, for the CLI. */
  onMessage?: (line: string) => void;
}

export interface ServerState {
  server: string;
  /** `started`, `running` (found running), `external` (configured URL), `stopped`. */
  state: 'started' | 'running' | 'external' | 'stopped';
  address: string;
  pid: number | null;
  logFile: string | null;
}

export function temporalDir(config: AppConfig): string {
  return path.join(config.dataDir, 'temporal');
}

export function unleashDir(config: AppConfig): string {
  return path.join(config.dataDir, 'unleash');
}

export function localCluster(config: AppConfig): postgres.PostgresCluster {
  return postgres.clusterAt(postgres.resolveClusterDir(config.dataDir).dir, config.ports.postgres);
}

/** URL of the product's database: DATABASE_URL, else the local cluster's. */
export function productDatabaseUrl(config: AppConfig): string {
  return config.databaseUrl ?? postgres.clusterUrl(localCluster(config), config.databaseName);
}

function unleashDatabaseUrl(config: AppConfig): string {
  const url = new URL(productDatabaseUrl(config));
  url.pathname = '/unleash';
  return process.env.UNLEASH_DATABASE_URL ?? url.toString();
}

async function startPostgres(config: AppConfig, options: Required<StackOptions>): Promise<ServerState> {
  if (config.databaseUrl !== null) {
    return { server: postgres.POSTGRES_SERVER, state: 'external', address: redactUrl(config.databaseUrl), pid: null, logFile: null };
  }

  const placement = postgres.resolveClusterDir(config.dataDir);
  if (placement.movedBecause !== null) {
    options.onMessage(`PostgreSQL data goes to ${placement.dir} because ${placement.movedBecause}`);
  }
  const cluster = postgres.clusterAt(placement.dir, config.ports.postgres);
  const alreadyRunning = postgres.clusterPid(cluster) !== null;
  if (!alreadyRunning && (await isPortOpen(cluster.port))) {
    throw new ServerStartError(postgres.POSTGRES_SERVER, cluster.logFile, `port ${cluster.port} is already in use by another process; set REIMS_PG_PORT`);
  }

  postgres.startCluster(cluster);
  const url = postgres.clusterUrl(cluster, 'postgres');
  await waitUntilHealthy(() => postgres.isDatabaseReachable(url), {
    server: postgres.POSTGRES_SERVER,
    logFile: cluster.logFile,
    timeoutMs: options.timeoutMs,
  });
  await postgres.ensureDatabase(url, config.databaseName);

  return {
    server: postgres.POSTGRES_SERVER,
    state: alreadyRunning ? 'running' : 'started',
    address: `127.0.0.1:${cluster.port}`,
    pid: postgres.clusterPid(cluster),
    logFile: cluster.logFile,
  };
}

async function startTemporalServer(config: AppConfig, options: Required<StackOptions>): Promise<ServerState> {
  if (config.temporalAddress !== null) {
    return { server: temporal.TEMPORAL_SERVER, state: 'external', address: config.temporalAddress, pid: null, logFile: null };
  }

  const dir = temporalDir(config);
  const pidFile = path.join(dir, 'temporal.pid');
  const logFile = path.join(dir, 'temporal.log');
  const address = `127.0.0.1:${config.ports.temporal}`;
  const existing = runningPid(pidFile);
  if (existing !== null) {
    await waitUntilHealthy(() => temporal.isTemporalHealthy(address), { server: temporal.TEMPORAL_SERVER, logFile, timeoutMs: options.timeoutMs, pid: existing });
    return { server: temporal.TEMPORAL_SERVER, state: 'running', address, pid: existing, logFile };
  }
  if (await isPortOpen(config.ports.temporal)) {
    throw new ServerStartError(temporal.TEMPORAL_SERVER, logFile, `port ${config.ports.temporal} is already in use by another process; set REIMS_TEMPORAL_PORT or TEMPORAL_ADDRESS`);
  }

  const binary = temporal.resolveTemporalBinary(config.dataDir, config.temporalCliPath);
  options.onMessage(`Temporal CLI: ${binary.path} (from ${binary.source})`);
  const pid = await temporal.startTemporal({
    binary,
    dir,
    port: config.ports.temporal,
    uiPort: config.ports.temporalUi,
    namespace: config.temporalNamespace,
    pidFile,
    logFile,
    timeoutMs: options.timeoutMs,
  });
  return { server: temporal.TEMPORAL_SERVER, state: 'started', address, pid, logFile };
}

async function startUnleashServer(config: AppConfig, options: Required<StackOptions>): Promise<ServerState> {
  if (config.unleashUrl !== null) {
    return { server: unleash.UNLEASH_SERVER, state: 'external', address: config.unleashUrl, pid: null, logFile: null };
  }

  const dir = unleashDir(config);
  const pidFile = path.join(dir, 'unleash.pid');
  const logFile = path.join(dir, 'unleash.log');
  const baseUrl = `http://127.0.0.1:${config.ports.unleash}/`;
  const existing = runningPid(pidFile);
  if (existing !== null) {
    await waitUntilHealthy(() => unleash.isUnleashHealthy(baseUrl), { server: unleash.UNLEASH_SERVER, logFile, timeoutMs: options.timeoutMs, pid: existing });
    return { server: unleash.UNLEASH_SERVER, state: 'running', address: baseUrl, pid: existing, logFile };
  }
  if (await isPortOpen(config.ports.unleash)) {
    throw new ServerStartError(unleash.UNLEASH_SERVER, logFile, `port ${config.ports.unleash} is already in use by another process; set REIMS_UNLEASH_PORT or UNLEASH_URL`);
  }

  const databaseUrl = unleashDatabaseUrl(config);
  await postgres.ensureDatabase(databaseUrl, new URL(databaseUrl).pathname.slice(1));
  const pid = await unleash.startUnleash({
    dir,
    port: config.ports.unleash,
    databaseUrl,
    credentials: unleash.ensureCredentials(dir),
    pidFile,
    logFile,
    timeoutMs: options.timeoutMs,
  });
  return { server: unleash.UNLEASH_SERVER, state: 'started', address: baseUrl, pid, logFile };
}

function withDefaults(options: StackOptions): Required<StackOptions> {
  return { timeoutMs: options.timeoutMs ?? 60_000, onMessage: options.onMessage ?? (() => undefined) };
}

/** Starts every server that is not configured externally; finds running ones instead of starting them twice. */
export async function startStack(config: AppConfig, options: StackOptions = {}): Promise<ServerState[]> {
  const filled = withDefaults(options);
  const states: ServerState[] = [];
  for (const start of [startPostgres, startTemporalServer, startUnleashServer]) {
    const state = await start(config, filled);
    filled.onMessage(describeState(state));
    states.push(state);
  }
  return states;
}

/** Stops the servers that the stack started (by PID file), Unleash and Temporal before PostgreSQL. */
export async function stopStack(config: AppConfig, options: StackOptions = {}): Promise<ServerState[]> {
  const filled = withDefaults(options);
  const states: ServerState[] = [];

  for (const [server, dir, name] of [
    [unleash.UNLEASH_SERVER, unleashDir(config), 'unleash'],
    [temporal.TEMPORAL_SERVER, temporalDir(config), 'temporal'],
  ] as const) {
    const stopped = await stopProcess(path.join(dir, `${name}.pid`));
    states.push({ server, state: 'stopped', address: '', pid: null, logFile: path.join(dir, `${name}.log`) });
    filled.onMessage(`${server}: ${stopped ? 'stopped' : 'was not running'}`);
  }

  const cluster = localCluster(config);
  const stopped = await postgres.stopCluster(cluster);
  states.push({ server: postgres.POSTGRES_SERVER, state: 'stopped', address: '', pid: null, logFile: cluster.logFile });
  filled.onMessage(`${postgres.POSTGRES_SERVER}: ${stopped ? 'stopped' : 'was not running'}`);
  return states;
}

export function describeState(state: ServerState): string {
  const where = state.address ? ` at ${state.address}` : '';
  const pid = state.pid !== null ? ` (pid ${state.pid})` : '';
  const log = state.logFile !== null ? `, log ${state.logFile}` : '';
  return `${state.server}: ${state.state}${where}${pid}${log}`;
}

/** Reports each server without starting anything. */
export function stackStatus(config: AppConfig): ServerState[] {
  const cluster = localCluster(config);
  const temporalPid = runningPid(path.join(temporalDir(config), 'temporal.pid'));
  const unleashPid = runningPid(path.join(unleashDir(config), 'unleash.pid'));
  const postgresPid = postgres.clusterPid(cluster);
  const state = (external: string | null, pid: number | null): ServerState['state'] => {
    if (external !== null) return 'external';
    if (pid !== null) return 'running';
    return 'stopped';
  };

  return [
    { server: postgres.POSTGRES_SERVER, state: state(config.databaseUrl, postgresPid), address: config.databaseUrl ? redactUrl(config.databaseUrl) : `127.0.0.1:${cluster.port}`, pid: postgresPid, logFile: cluster.logFile },
    { server: temporal.TEMPORAL_SERVER, state: state(config.temporalAddress, temporalPid), address: config.temporalAddress ?? `127.0.0.1:${config.ports.temporal}`, pid: temporalPid, logFile: path.join(temporalDir(config), 'temporal.log') },
    { server: unleash.UNLEASH_SERVER, state: state(config.unleashUrl, unleashPid), address: config.unleashUrl ?? `http://127.0.0.1:${config.ports.unleash}/`, pid: unleashPid, logFile: path.join(unleashDir(config), 'unleash.log') },
  ];
}

function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
