import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { OpenFeature } from '@openfeature/server-sdk';

import type { FeatureFlags } from '../../flags/feature-flags';
import { defaultDecisions, FLAG_DEFINITIONS, FLAG_NAMES } from '../../flags/flag-definitions';
import { UnleashOpenFeatureProvider } from '../../flags/openfeature-provider';
import {
  adminClient,
  capturingLogger,
  closedPort,
  deleteTestFlags,
  provisionTestFlags,
  startTestFlags,
  switchFlag,
  setRollout,
  temporaryDir,
  testPrefix,
  toggle,
  waitForRollout,
  waitForToggle,
  waitUntil,
  WARN_LEVEL,
} from './flag-test-support';

const root = path.resolve(__dirname, '../..');

describe('feature flag client', () => {
  const prefix = testPrefix();
  const clients: FeatureFlags[] = [];

  async function track(started: Promise<FeatureFlags>): Promise<FeatureFlags> {
    const flags = await started;
    clients.push(flags);
    return flags;
  }

  beforeAll(async () => {
    await provisionTestFlags(prefix);
  });

  afterAll(async () => {
    for (const flags of clients) await flags.close();
    await deleteTestFlags(prefix);
  });

  test('client reads provisioned flags from Unleash', async () => {
    const flags = await track(startTestFlags(prefix));
    for (const flag of FLAG_NAMES) await waitForToggle(flags, flag, FLAG_DEFINITIONS[flag].defaultEnabled);

    expect(flags.source()).toBe('unleash');
    expect(flags.evaluateAll({ userId: 1, propertyId: 7, propertyGroup: 'retail' })).toEqual(defaultDecisions());
  });

  test('unreachable server gives defaults, one warning', async () => {
    const { logger, lines } = capturingLogger();
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const flags = await track(startTestFlags(prefix, { url, logger, refreshIntervalMs: 500 }));

    for (let propertyId = 1; propertyId <= 200; propertyId += 1) {
      expect(flags.evaluateAll({ propertyId })).toEqual(defaultDecisions());
    }
    await waitUntil('the client has failed twice', () => lines.some((line) => line.msg === 'Unleash request failed again'), 20_000);
    const warnings = lines.filter((line) => line.level === WARN_LEVEL);

    expect(flags.source()).toBe('defaults');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ msg: 'Unleash server unreachable; feature flags use their documented defaults', url, fallback: 'defaults', assumed: defaultDecisions() });
  });

  test('backup file keeps values across a restart', async () => {
    const backupDir = temporaryDir('backup');
    await switchFlag(toggle(prefix, 'reims.model-cache'), true);
    const online = await startTestFlags(prefix, { backupDir });
    await waitForToggle(online, 'reims.model-cache', true);
    expect(online.isEnabled('reims.model-cache', { propertyId: 3 })).toBe(true);
    await online.close();

    const { logger, lines } = capturingLogger();
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const offline = await track(startTestFlags(prefix, { backupDir, url, logger }));

    expect(offline.source()).toBe('last-known');
    expect(offline.isEnabled('reims.model-cache', { propertyId: 3 })).toBe(true);
    expect(offline.isEnabled('reims.explanations', { propertyId: 3 })).toBe(false);
    expect(lines.filter((line) => line.level === WARN_LEVEL)).toEqual([expect.objectContaining({ msg: 'Unleash server unreachable; feature flags keep their last known values', fallback: 'last-known' })]);
    await switchFlag(toggle(prefix, 'reims.model-cache'), false);
  });

  test('client sees a toggle within its refresh interval', async () => {
    const flags = await track(startTestFlags(prefix));
    await waitForToggle(flags, 'reims.pdf-coordinates', false);
    expect(flags.isEnabled('reims.pdf-coordinates', { propertyId: 5 })).toBe(false);

    await switchFlag(toggle(prefix, 'reims.pdf-coordinates'), true);
    await waitUntil('the client sees the flag on', () => flags.isEnabled('reims.pdf-coordinates', { propertyId: 5 }));
    await switchFlag(toggle(prefix, 'reims.pdf-coordinates'), false);
    await waitUntil('the client sees the flag off', () => !flags.isEnabled('reims.pdf-coordinates', { propertyId: 5 }));
  });

  test.each([
    ['close', 0, 'survived\n'],
    ['destroy', 1, ''],
  ])('shutdown by %s while unreachable exits %i', async (mode, exitCode, stdout) => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/close-while-unreachable.ts'), url, temporaryDir('close'), mode], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeout: 30_000,
    });

    expect(child.status).toBe(exitCode);
    expect(child.stdout).toBe(stdout);
    if (mode === 'destroy') expect(child.stderr).toContain('ECONNREFUSED');
  }, 40_000);
});

describe('OpenFeature provider', () => {
  const prefix = testPrefix();
  let flags: FeatureFlags;

  beforeAll(async () => {
    await provisionTestFlags(prefix);
    await adminClient().request('POST', `projects/default/features/${encodeURIComponent(toggle(prefix, 'reims.explanations'))}/environments/development/strategies`, {
      name: 'flexibleRollout',
      parameters: { rollout: '100', stickiness: 'default', groupId: 'variants' },
      constraints: [{ contextName: 'propertyGroup', operator: 'IN', values: ['office'] }],
      variants: [{ name: 'detailed', weight: 1000, weightType: 'variable', stickiness: 'default', payload: { type: 'json', value: '{"depth":3}' } }],
    });
    await setRollout(toggle(prefix, 'reims.model-cache'), 50, [{ name: 'lru', weight: 1000, weightType: 'variable', stickiness: 'default', payload: { type: 'string', value: 'lru-512' } }]);
    for (const name of ['reims.explanations', 'reims.model-cache'] as const) await switchFlag(toggle(prefix, name), true);
    flags = await startTestFlags(prefix);
    for (const flag of FLAG_NAMES) await waitForToggle(flags, flag, FLAG_DEFINITIONS[flag].defaultEnabled || flag === 'reims.explanations' || flag === 'reims.model-cache');
    await waitForRollout(flags, 'reims.model-cache', 50);
    await OpenFeature.setProviderAndWait(new UnleashOpenFeatureProvider(flags.unleash));
  });

  afterAll(async () => {
    await OpenFeature.close();
    await flags.close();
    await deleteTestFlags(prefix);
  });

  test('provider booleans match the client', async () => {
    const client = OpenFeature.getClient();
    let compared = 0;
    for (const flag of FLAG_NAMES) {
      for (let propertyId = 1; propertyId <= 40; propertyId += 1) {
        const propertyGroup = propertyId % 2 === 0 ? 'office' : 'retail';
        const expected = flags.isEnabled(flag, { userId: 9, propertyId, propertyGroup });
        const actual = await client.getBooleanValue(toggle(prefix, flag), !expected, { targetingKey: '9', propertyId: String(propertyId), propertyGroup, sessionId: `property:${propertyId}` });
        expect({ flag, propertyId, value: actual }).toEqual({ flag, propertyId, value: expected });
        compared += 1;
      }
    }
    expect(compared).toBe(FLAG_NAMES.length * 40);
  });

  test('provider reports unknown flags as FLAG_NOT_FOUND', async () => {
    const details = await OpenFeature.getClient().getBooleanDetails(`${prefix}no-such-flag`, true);

    expect(details.value).toBe(true);
    expect(details.errorCode).toBe('FLAG_NOT_FOUND');
  });

  test('provider reads objects and strings from variant payloads', async () => {
    const client = OpenFeature.getClient();
    const office = await client.getObjectDetails(toggle(prefix, 'reims.explanations'), { depth: 0 }, { targetingKey: '1', propertyGroup: 'office' });
    const retail = await client.getObjectDetails(toggle(prefix, 'reims.explanations'), { depth: 0 }, { targetingKey: '1', propertyGroup: 'retail' });

    expect(office).toMatchObject({ value: { depth: 3 }, variant: 'detailed', reason: 'TARGETING_MATCH' });
    expect(retail).toMatchObject({ value: { depth: 0 }, reason: 'DISABLED' });

    const enabledCount = { on: 0, off: 0 };
    for (let propertyId = 1; propertyId <= 40; propertyId += 1) {
      const enabled = flags.isEnabled('reims.model-cache', { propertyId });
      const value = await client.getStringValue(toggle(prefix, 'reims.model-cache'), 'none', { propertyId: String(propertyId) });
      expect({ propertyId, value }).toEqual({ propertyId, value: enabled ? 'lru-512' : 'none' });
      enabledCount[enabled ? 'on' : 'off'] += 1;
    }
    // At 50%, 40 properties all on one side would mean the rollout was not applied.
    expect(enabledCount.on).toBeGreaterThan(0);
    expect(enabledCount.off).toBeGreaterThan(0);
  });

  test('provider reports a payload of another type as TYPE_MISMATCH', async () => {
    const details = await OpenFeature.getClient().getNumberDetails(toggle(prefix, 'reims.explanations'), 5, { targetingKey: '1', propertyGroup: 'office' });

    expect(details.value).toBe(5);
    expect(details.errorCode).toBe('TYPE_MISMATCH');
  });
});
