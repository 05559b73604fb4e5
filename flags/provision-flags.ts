/**
 * Creates or updates every flag of `flag-definitions.ts` in Unleash through
 * the Admin API, so a fresh console lists them. Running it again changes
 * nothing that is already right:
 *
 * - a missing flag is created (or revived from the archive) with its
 *   description and type, one default strategy, and switched on or off in
 *   the environment by its documented default;
 * - an existing flag gets its description and type updated when they differ;
 * - the default strategy (flexibleRollout at 100%, sticky on `propertyId`) is
 *   added only to an environment with no strategies, and the on/off state is
 *   set only at creation, so rollouts an operator set in the console stay.
 *
 * It also defines the context fields `propertyId` (usable for stickiness) and
 * `propertyGroup` that rollouts and constraints by property need.
 */
import type { Logger } from '../config/logger';
import { FLAG_DEFINITIONS, FLAG_NAMES, type FlagDefinition } from './flag-definitions';
import { UnleashAdmin } from './unleash-admin';

export interface ProvisionOptions {
  /** Unleash API base, `http://host:4242/api/`. */
  apiUrl: string;
  adminToken: string;
  /** Environment whose strategy and state are set; default `development`. */
  environment?: string;
  /** Unleash project; default `default`. */
  project?: string;
  /** Prepended to every toggle name (tests); default none. */
  toggleNamePrefix?: string;
  logger?: Logger;
}

export interface ProvisionedFlag {
  toggle: string;
  action: 'created' | 'revived' | 'updated' | 'unchanged';
  strategyAdded: boolean;
}

interface FeatureResponse {
  name: string;
  description?: string | null;
  type: string;
  environments: { name: string; enabled: boolean; strategies: unknown[] }[];
}

interface ContextFieldResponse {
  name: string;
  description?: string;
  stickiness?: boolean;
}

const CONTEXT_FIELDS: ContextFieldResponse[] = [
  { name: 'propertyId', description: 'Id of the property (properties.id) a flag is evaluated for', stickiness: true },
  { name: 'propertyGroup', description: 'Group of the property: multifamily, office, retail, industrial, …', stickiness: false },
];

/** Strategy parameters of the default strategy: every property, sticky on the property id. */
export function defaultStrategy(toggle: string): { name: string; parameters: Record<string, string>; constraints: unknown[] } {
  return { name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'propertyId', groupId: toggle }, constraints: [] };
}

async function ensureContextFields(admin: UnleashAdmin): Promise<void> {
  for (const field of CONTEXT_FIELDS) {
    const existing = await admin.get<ContextFieldResponse>(`context/${field.name}`);
    if (existing === null) {
      await admin.request('POST', 'context', field);
    } else if (existing.stickiness !== field.stickiness || existing.description !== field.description) {
      await admin.request('PUT', `context/${field.name}`, field);
    }
  }
}

/** Creates the flag, or revives it when an archived flag holds the name; returns the action taken. */
async function createFlag(admin: UnleashAdmin, featuresPath: string, toggle: string, definition: FlagDefinition): Promise<'created' | 'revived'> {
  const body = { name: toggle, description: definition.description, type: definition.type, impressionData: false };
  const created = await admin.request('POST', featuresPath, body, [409]);
  if (created.status !== 409) return 'created';

  await admin.request('POST', `archive/revive/${encodeURIComponent(toggle)}`);
  await admin.request('PUT', `${featuresPath}/${encodeURIComponent(toggle)}`, { description: definition.description, type: definition.type });
  return 'revived';
}

async function provisionFlag(admin: UnleashAdmin, definition: FlagDefinition, options: Required<Omit<ProvisionOptions, 'logger'>>): Promise<ProvisionedFlag> {
  const toggle = `${options.toggleNamePrefix}${definition.name}`;
  const featuresPath = `projects/${encodeURIComponent(options.project)}/features`;
  const featurePath = `${featuresPath}/${encodeURIComponent(toggle)}`;

  let action: ProvisionedFlag['action'] = 'unchanged';
  const existing = await admin.get<FeatureResponse>(featurePath);
  if (existing === null) {
    action = await createFlag(admin, featuresPath, toggle, definition);
  } else if ((existing.description ?? '') !== definition.description || existing.type !== definition.type) {
    await admin.request('PUT', featurePath, { description: definition.description, type: definition.type });
    action = 'updated';
  }

  const feature = (await admin.get<FeatureResponse>(featurePath))!;
  const environment = feature.environments.find((candidate) => candidate.name === options.environment);
  if (environment === undefined) {
    throw new Error(`Unleash environment "${options.environment}" is not enabled in project "${options.project}"; enable it in the console or set UNLEASH_ENVIRONMENT`);
  }

  const environmentPath = `${featurePath}/environments/${encodeURIComponent(options.environment)}`;
  const strategyAdded = environment.strategies.length === 0;
  if (strategyAdded) await admin.request('POST', `${environmentPath}/strategies`, defaultStrategy(toggle));
  if (action === 'created' || action === 'revived') {
    await admin.request('POST', `${environmentPath}/${definition.defaultEnabled ? 'on' : 'off'}`);
  }
  return { toggle, action, strategyAdded };
}

/** Provisions every flag; throws UnleashAdminError (naming the request and status) on the first failed call. */
export async function provisionFlags(options: ProvisionOptions): Promise<ProvisionedFlag[]> {
  const filled = { environment: 'development', project: 'default', toggleNamePrefix: '', ...options };
  const admin = new UnleashAdmin(filled.apiUrl, filled.adminToken);

  await ensureContextFields(admin);
  const results: ProvisionedFlag[] = [];
  for (const name of FLAG_NAMES) {
    const result = await provisionFlag(admin, FLAG_DEFINITIONS[name], filled);
    filled.logger?.info({ toggle: result.toggle, action: result.action, strategyAdded: result.strategyAdded, environment: filled.environment }, 'feature flag provisioned');
    results.push(result);
  }
  return results;
}

/** One line per flag for command output. */
export function describeProvisioned(result: ProvisionedFlag): string {
  return `${result.toggle}: ${result.action}${result.strategyAdded ? ', default strategy added' : ''}`;
}
