/**
 * Background server processes started by the stack: spawned detached with
 * their output in a log file, tracked by PID files so that `stop` ends
 * exactly the processes that `start` began.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export class ServerStartError extends Error {
  override name = 'ServerStartError';
  constructor(
    readonly server: string,
    readonly logFile: string | null,
    reason: string,
  ) {
    super(`${server} failed to start: ${reason}${logFile ? ` (log: ${logFile})` : ''}`);
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPidFile(pidFile: string): number | null {
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Returns the PID recorded in `pidFile` when that process is still running. */
export function runningPid(pidFile: string): number | null {
  const pid = readPidFile(pidFile);
  return pid !== null && isProcessAlive(pid) ? pid : null;
}

export interface SpawnOptions {
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Starts a detached process writing to `logFile` and records its PID. */
export function spawnDetached(options: SpawnOptions): number {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  fs.mkdirSync(path.dirname(options.pidFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'a');

  const child = spawn(options.command, options.args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  fs.closeSync(log);
  child.unref();

  if (child.pid === undefined) {
    throw new Error(`could not spawn ${options.command}`);
  }
  fs.writeFileSync(options.pidFile, `${child.pid}\n`);
  return child.pid;
}

/** Sends SIGTERM, waits up to `timeoutMs`, then SIGKILL; removes the PID file. */
export async function stopProcess(pidFile: string, timeoutMs = 10_000): Promise<boolean> {
  const pid = runningPid(pidFile);
  if (pid === null) {
    fs.rmSync(pidFile, { force: true });
    return false;
  }

  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');

  fs.rmSync(pidFile, { force: true });
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface WaitOptions {
  server: string;
  logFile: string | null;
  timeoutMs: number;
  /** Process to watch: when it exits, waiting stops at once. */
  pid?: number;
}

/** Polls `check` until it returns true; throws ServerStartError naming the server on timeout or exit. */
export async function waitUntilHealthy(check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = '';

  while (Date.now() < deadline) {
    if (options.pid !== undefined && !isProcessAlive(options.pid)) {
      throw new ServerStartError(options.server, options.logFile, `the process exited${tailOf(options.logFile)}`);
    }
    try {
      if (await check()) return;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await sleep(250);
  }

  const detail = lastError ? ` (last error: ${lastError})` : '';
  throw new ServerStartError(options.server, options.logFile, `not healthy after ${options.timeoutMs} ms${detail}`);
}

function tailOf(logFile: string | null): string {
  if (logFile === null || !fs.existsSync(logFile)) return '';
  const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' | ');
  return lines ? `; last log lines: ${lines.slice(-600)}` : '';
}
