/**
 * Where the product finds its servers: the configured URLs, else the local
 * stack's addresses and the Unleash tokens the stack generated.
 */
import type { AppConfig } from '../config/env';
import { productDatabaseUrl, unleashDir } from './stack';
import { readCredentials } from './unleash';

export interface Endpoints {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalTaskQueue: string;
  /** Base URL of the Temporal Web UI, for links printed to operators; null for an external server. */
  temporalUiUrl: string | null;
  /** Unleash API base (`…/api/`). */
  unleashApiUrl: string;
  unleashApiToken: string | null;
  unleashAdminToken: string | null;
  unleashEnvironment: string;
}

export function resolveEndpoints(config: AppConfig): Endpoints {
  const localCredentials = config.unleashUrl === null ? readCredentials(unleashDir(config)) : null;
  return {
    databaseUrl: productDatabaseUrl(config),
    temporalAddress: config.temporalAddress ?? `127.0.0.1:${config.ports.temporal}`,
    temporalNamespace: config.temporalNamespace,
    temporalTaskQueue: config.temporalTaskQueue,
    temporalUiUrl: config.temporalAddress === null ? `http://127.0.0.1:${config.ports.temporalUi}` : (process.env.TEMPORAL_UI_URL ?? null),
    unleashApiUrl: config.unleashUrl ?? `http://127.0.0.1:${config.ports.unleash}/api/`,
    unleashApiToken: config.unleashApiToken ?? localCredentials?.backendToken ?? null,
    unleashAdminToken: config.unleashAdminToken ?? localCredentials?.adminToken ?? null,
    unleashEnvironment: config.unleashEnvironment,
  };
}
