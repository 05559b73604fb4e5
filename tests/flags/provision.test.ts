import { FLAG_DEFINITIONS, FLAG_NAMES } from '../../flags/flag-definitions';
import { provisionFlags } from '../../flags/provision-flags';
import { adminClient, deleteTestFlags, testPrefix, unleashUrl } from './flag-test-support';

interface Feature {
  name: string;
  description: string;
  type: string;
  environments: { name: string; enabled: boolean; strategies: { name: string; parameters: Record<string, string> }[] }[];
}

describe('flag provisioning', () => {
  const prefix = testPrefix();
  const provision = () => provisionFlags({ apiUrl: unleashUrl(), adminToken: process.env.REIMS_TEST_UNLEASH_ADMIN_TOKEN!, toggleNamePrefix: prefix });

  async function provisionedFeatures(): Promise<Feature[]> {
    const listing = await adminClient().get<{ features: { name: string }[] }>('projects/default/features');
    const names = listing!.features.map((feature) => feature.name).filter((name) => name.startsWith(prefix));
    return Promise.all(names.map(async (name) => (await adminClient().get<Feature>(`projects/default/features/${encodeURIComponent(name)}`))!));
  }

  afterAll(async () => {
    await deleteTestFlags(prefix);
  });

  test('provisioning twice keeps one copy', async () => {
    const first = await provision();
    const second = await provision();

    expect(first.map((result) => result.action)).toEqual(FLAG_NAMES.map(() => 'created'));
    expect(first.every((result) => result.strategyAdded)).toBe(true);
    expect(second.map((result) => result.action)).toEqual(FLAG_NAMES.map(() => 'unchanged'));
    expect(second.some((result) => result.strategyAdded)).toBe(false);

    const features = await provisionedFeatures();
    expect(features.map((feature) => feature.name).sort()).toEqual(FLAG_NAMES.map((name) => `${prefix}${name}`).sort());
    for (const feature of features) {
      const definition = FLAG_DEFINITIONS[feature.name.slice(prefix.length) as keyof typeof FLAG_DEFINITIONS];
      const development = feature.environments.find((environment) => environment.name === 'development')!;
      expect({ name: feature.name, description: feature.description, type: feature.type }).toEqual({ name: feature.name, description: definition.description, type: definition.type });
      expect({ name: feature.name, enabled: development.enabled }).toEqual({ name: feature.name, enabled: definition.defaultEnabled });
      expect(development.strategies).toEqual([expect.objectContaining({ name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'propertyId', groupId: feature.name } })]);
    }
  });

  test('provisioning defines context fields once', async () => {
    await provision();
    const fields = await adminClient().get<{ name: string; stickiness: boolean }[]>('context');

    expect(fields!.filter((field) => field.name === 'propertyId')).toEqual([expect.objectContaining({ stickiness: true })]);
    expect(fields!.filter((field) => field.name === 'propertyGroup')).toHaveLength(1);
  });

  test('provisioning restores description, keeps state', async () => {
    await provision();
    const toggle = `${prefix}reims.model-cache`;
    await adminClient().request('PUT', `projects/default/features/${encodeURIComponent(toggle)}`, { description: 'edited by hand', type: 'experiment' });
    await adminClient().request('POST', `projects/default/features/${encodeURIComponent(toggle)}/environments/development/on`);

    const results = await provision();
    const feature = (await adminClient().get<Feature>(`projects/default/features/${encodeURIComponent(toggle)}`))!;

    expect(results.find((result) => result.toggle === toggle)).toEqual({ toggle, action: 'updated', strategyAdded: false });
    expect(feature.description).toBe(FLAG_DEFINITIONS['reims.model-cache'].description);
    expect(feature.type).toBe('release');
    expect(feature.environments.find((environment) => environment.name === 'development')!.enabled).toBe(true);
  });

  test('provisioning revives archived flag', async () => {
    await provision();
    const toggle = `${prefix}reims.explanations`;
    await adminClient().request('DELETE', `projects/default/features/${encodeURIComponent(toggle)}`);

    const results = await provision();

    expect(results.find((result) => result.toggle === toggle)?.action).toBe('revived');
    expect((await provisionedFeatures()).filter((feature) => feature.name === toggle)).toHaveLength(1);
  });
});
