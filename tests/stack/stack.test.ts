import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadConfig, type AppConfig } from '../../config/env';
import { isProcessAlive, ServerStartError } from '../../stack/processes';
import { startStack, stackStatus, stopStack } from '../../stack/stack';

// A second, private stack on its own ports and data folder, so this suite never touches the one the other tests use.
function isolatedConfig(dataDir: string, portOffset: number, extra: NodeJS.ProcessEnv = {}): AppConfig {
  const base = 56000 + portOffset;
  return loadConfig({
    PATH: process.env.PATH,
    REIMS_DATA_DIR: dataDir,
    REIMS_PG_PORT: String(base),
    REIMS_TEMPORAL_PORT: String(base + 1),
    REIMS_TEMPORAL_UI_PORT: String(base + 2),
    REIMS_UNLEASH_PORT: String(base + 3),
    TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH ?? path.join(loadConfig().dataDir, 'tools', 'temporal-venv', 'bin', 'temporal'),
    ...extra,
  });
}

describe('local stack', () => {
  const dataDirs: string[] = [];
  const configs: AppConfig[] = [];

  function tempDataDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reims-stack-test-'));
    fs.chmodSync(dir, 0o755);
    dataDirs.push(dir);
    return dir;
  }

  afterAll(async () => {
    for (const config of configs) await stopStack(config);
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('start twice finds the running servers, and stop ends them', async () => {
    const config = isolatedConfig(tempDataDir(), 10);
    configs.push(config);

    const first = await startStack(config, { timeoutMs: 90_000 });
    expect(first.map((state) => state.state)).toEqual(['started', 'started', 'started']);

    const second = await startStack(config, { timeoutMs: 90_000 });
    expect(second.map((state) => state.state)).toEqual(['running', 'running', 'running']);
    expect(second.map((state) => state.pid)).toEqual(first.map((state) => state.pid));

    await stopStack(config);
    for (const state of first) expect({ server: state.server, alive: isProcessAlive(state.pid!) }).toEqual({ server: state.server, alive: false });
    expect(stackStatus(config).map((state) => state.state)).toEqual(['stopped', 'stopped', 'stopped']);
  });

  test('a server that fails to start is reported by name with its log file', async () => {
    const config = isolatedConfig(tempDataDir(), 20, { TEMPORAL_CLI_PATH: '/bin/false' });
    configs.push(config);

    const attempt = startStack(config, { timeoutMs: 20_000 });
    await expect(attempt).rejects.toThrow(ServerStartError);
    await expect(attempt).rejects.toThrow(/^Temporal dev server failed to start: the process exited.*\(log: .*temporal\.log\)$/s);
  });

  test('a configured DATABASE_URL starts no PostgreSQL of its own', () => {
    const config = isolatedConfig(tempDataDir(), 30, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });

    const status = stackStatus(config);
    expect(status[0]).toMatchObject({ server: 'PostgreSQL', state: 'external', address: 'postgres://postgres@127.0.0.1:1/none' });
  });
});
