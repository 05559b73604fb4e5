/**
 * `npm run stack -- start|stop|status`: starts, checks and stops the servers
 * of the local stack. `start` also applies pending database migrations and
 * provisions the feature flags in Unleash once it is healthy.
 */
import { loadConfig } from '../config/env';
import { migrateUp } from '../db/migrate';
import { describeProvisioned, provisionFlags } from '../flags/provision-flags';
import { resolveEndpoints } from './endpoints';
import { describeState, stackStatus, startStack, stopStack } from './stack';

const USAGE = 'usage: npm run stack -- start | stop | status';

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const print = (line: string): void => console.log(line);

  switch (command) {
    case 'status':
      stackStatus(config).forEach((state) => print(describeState(state)));
      return;
    case 'start': {
      await startStack(config, { onMessage: print });
      const endpoints = resolveEndpoints(config);
      const applied = await migrateUp(endpoints.databaseUrl);
      print(applied.length > 0 ? `Database migrations applied: ${applied.join(', ')}` : 'Database schema is up to date');
      if (endpoints.unleashAdminToken === null) {
        print('Feature flags not provisioned: no Unleash admin token (set UNLEASH_ADMIN_TOKEN for an external Unleash server)');
      } else {
        const flags = await provisionFlags({ apiUrl: endpoints.unleashApiUrl, adminToken: endpoints.unleashAdminToken, environment: endpoints.unleashEnvironment });
        print(`Feature flags (environment ${endpoints.unleashEnvironment}): ${flags.map(describeProvisioned).join('; ')}`);
      }
      if (endpoints.temporalUiUrl) print(`Temporal Web UI: ${endpoints.temporalUiUrl}`);
      print(`Unleash console: ${endpoints.unleashApiUrl.replace(/api\/?$/, '')} (user admin, password in ${config.dataDir}/unleash/credentials.json)`);
      return;
    }
    case 'stop':
      await stopStack(config, { onMessage: print });
      return;
    default:
      throw new Error(`unknown command "${command ?? ''}". ${USAGE}`);
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`stack: ${(error as Error).message}`);
    process.exit(1);
  },
);
