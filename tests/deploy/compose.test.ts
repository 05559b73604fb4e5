import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
// merge: true resolves `<<: *app-environment` as Compose does.
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    { image?: string; build?: unknown; restart?: string; healthcheck?: { test?: string[] }; environment?: Record<string, string>; command?: string[]; ports?: string[]; depends_on?: Record<string, { condition: string }> }
  >;
  volumes?: Record<string, unknown>;
};

/** Long-running services; the others run once and exit. */
const LONG_RUNNING = ['postgres', 'temporal', 'temporal-ui', 'unleash', 'worker', 'api'];
const ONE_SHOT = ['migrate', 'temporal-search-attributes', 'postgres-databases'];

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

  test('api starts after migrations on loopback', () => {
    const api = compose.services.api!;
    expect(api.command).toEqual(['node', '--import', 'tsx', 'api/main.ts']);
    expect(api.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(api.depends_on?.temporal).toEqual({ condition: 'service_healthy' });
    expect(api.environment?.REIMS_API_HOST).toBe('0.0.0.0');
    expect(api.environment?.DATABASE_URL).toBe(compose.services.worker!.environment?.DATABASE_URL);
    expect(api.ports).toEqual(['127.0.0.1:${REIMS_API_PORT:-8080}:8080']);
    expect(api.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:8080/health');
  });

  test('every published port binds to loopback', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) expect({ service: name, port }).toEqual({ service: name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
    }
  });

  test('unleash waits for its database to exist', () => {
    expect(compose.services.unleash!.depends_on?.['postgres-databases']).toEqual({ condition: 'service_completed_successfully' });
  });

  test('.env.example sets every variable the file requires', () => {
    const text = fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
    const required = new Set([...text.matchAll(/\$\{([A-Z_]+):\?/g)].map((match) => match[1]!));
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const defined = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]!));
    for (const name of required) expect({ name, defined: defined.has(name) }).toEqual({ name, defined: true });
  });

  test('has no top-level name (docker-compose 1.x)', () => {
    expect(Object.keys(compose)).not.toContain('name');
  });

  const binary = composeBinary();
  (binary ? test : test.skip)('is accepted by docker compose config', () => {
    const [command, ...prefix] = binary!;
    const output = execFileSync(command!, [...prefix, '-f', 'docker-compose.yml', '--env-file', '.env.example', 'config'], { cwd: root, encoding: 'utf8' });
    expect(output).toContain('worker:');
    expect(output).toContain('api:');
  });
});
