/**
 * The private PostgreSQL cluster: `initdb` and `pg_ctl` from the machine's
 * PostgreSQL installation, run as the `postgres` OS user when this process is
 * root (PostgreSQL refuses to run as root), listening on 127.0.0.1 only.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

import { isProcessAlive, ServerStartError, sleep } from './processes';

export const POSTGRES_SERVER = 'PostgreSQL';

export interface PostgresCluster {
  /** Folder holding `data/`, the socket and `postgres.log`. */
  dir: string;
  port: number;
  logFile: string;
}

const isRoot = process.getuid?.() === 0;

function postgresBinDir(): string {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new ServerStartError(POSTGRES_SERVER, null, 'pg_config was not found: install PostgreSQL 14 or later (Debian: apt-get install postgresql)');
  }
}

/** Runs a PostgreSQL tool, as the `postgres` user when we are root. */
function runAsPostgres(tool: string, args: string[], logFile: string): string {
  const binary = path.join(postgresBinDir(), tool);
  const [command, fullArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  try {
    return execFileSync(command, fullArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = ((error as { stderr?: string | Buffer }).stderr ?? '').toString().trim();
    throw new ServerStartError(POSTGRES_SERVER, logFile, `${tool} failed: ${stderr || (error as Error).message}`);
  }
}

/** True when the `postgres` user can enter every folder above `dir`. */
function reachableByPostgres(dir: string): boolean {
  if (!isRoot) return true;
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the cluster folder: `<dataDir>/postgres`, or, when the `postgres` user
 * cannot reach the project (a clone under /root, say), a folder under /var/tmp
 * named after the data folder.
 */
export function resolveClusterDir(dataDir: string): { dir: string; movedBecause: string | null } {
  fs.mkdirSync(dataDir, { recursive: true });
  if (reachableByPostgres(dataDir)) return { dir: path.join(dataDir, 'postgres'), movedBecause: null };

  const digest = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return {
    dir: path.join('/var/tmp', `reims-postgres-${digest}`),
    movedBecause: `the postgres OS user cannot enter ${dataDir}`,
  };
}

export function clusterAt(dir: string, port: number): PostgresCluster {
  return { dir, port, logFile: path.join(dir, 'postgres.log') };
}

function dataFolder(cluster: PostgresCluster): string {
  return path.join(cluster.dir, 'data');
}

/** PID of the postmaster when this cluster is running. */
export function clusterPid(cluster: PostgresCluster): number | null {
  const pidFile = path.join(dataFolder(cluster), 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;

  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function initCluster(cluster: PostgresCluster): void {
  fs.mkdirSync(cluster.dir, { recursive: true });
  if (isRoot) execFileSync('chown', ['postgres:', cluster.dir]);
  if (fs.existsSync(path.join(dataFolder(cluster), 'PG_VERSION'))) return;

  runAsPostgres('initdb', ['-D', dataFolder(cluster), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], cluster.logFile);
}

/**
 * Initialises (once) and starts the cluster; returns false when it was
 * already running. Durability settings are relaxed (fsync off) because this
 * cluster serves development, tests and the demo, never production.
 */
export function startCluster(cluster: PostgresCluster): boolean {
  initCluster(cluster);
  if (clusterPid(cluster) !== null) return false;

  const serverOptions = [
    `-p ${cluster.port}`,
    `-k ${cluster.dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  runAsPostgres('pg_ctl', ['-D', dataFolder(cluster), '-l', cluster.logFile, '-w', '-t', '30', '-o', serverOptions, 'start'], cluster.logFile);
  return true;
}

/** Stops the cluster when it runs and waits for the postmaster to exit; returns whether it ran. */
export async function stopCluster(cluster: PostgresCluster): Promise<boolean> {
  const pid = clusterPid(cluster);
  if (pid === null) return false;

  runAsPostgres('pg_ctl', ['-D', dataFolder(cluster), '-m', 'fast', '-w', '-t', '30', 'stop'], cluster.logFile);
  // pg_ctl returns once the PID file is gone, a moment before the postmaster process itself exits.
  const deadline = Date.now() + 10_000;
  while (isProcessAlive(pid) && Date.now() < deadline) await sleep(50);
  return true;
}

export function clusterUrl(cluster: PostgresCluster, database: string): string {
  return `postgres://postgres@127.0.0.1:${cluster.port}/${database}`;
}

/** Creates `database` on the server at `serverUrl` unless it exists. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<boolean> {
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount) return false;
    await client.query(`create database ${pg.escapeIdentifier(database)}`);
    return true;
  } finally {
    await client.end();
  }
}

export async function isDatabaseReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}
