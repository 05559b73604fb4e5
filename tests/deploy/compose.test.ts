import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { image?: string; build?: unknown; restart?: string; healthcheck?: unknown; environment?: Record<string, string> }>;
};

/** Long-running services; the others run once and exit. */
const LONG_RUNNING = ['postgres', 'temporal', 'temporal-ui', 'unleash', 'worker'];
const ONE_SHOT = ['migrate', 'temporal-search-attributes'];

function composeBinary(): string[] | null {
  for (const candidate of [['docker-compose'], ['docker', 'compose']]) {
    try {
      execFileSync(candidate[0]!, [...candidate.slice(1), 'version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // Not installed; try the next form.
    }
  }
  return null;
}

describe('docker-compose.yml', () => {
  test('has every production service', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...LONG_RUNNING, ...ONE_SHOT].sort());
  });

  test('long-running services restart and have health checks', () => {
    for (const name of LONG_RUNNING) {
      const service = compose.services[name]!;
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      expect({ name, healthcheck: Boolean(service.healthcheck) }).toEqual({ name, healthcheck: true });
    }
    for (const name of ONE_SHOT) expect(compose.services[name]!.restart).toBe('no');
  });

  test('secrets come from the environment, never literal values', () => {
    const secretLike = /(PASSWORD|PWD|TOKEN|SECRET|DATABASE_URL)/;
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (!secretLike.test(key)) continue;
        expect({ service: name, key, fromEnvironment: /\$\{[A-Z_]+:\?/.test(String(value)) }).toEqual({ service: name, key, fromEnvironment: true });
      }
    }
  });

  const binary = composeBinary();
  (binary ? test : test.skip)('is accepted by docker compose config', () => {
    const [command, ...prefix] = binary!;
    const output = execFileSync(command!, [...prefix, '-f', 'docker-compose.yml', '--env-file', '.env.example', 'config'], { cwd: root, encoding: 'utf8' });
    expect(output).toContain('worker:');
  });
});
