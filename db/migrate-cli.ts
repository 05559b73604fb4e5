/**
 * `npm run migrate` applies pending migrations; `npm run migrate:down` reverts
 * the latest one (`-- --to NAME` reverts every migration after and including NAME; `--to 0`
 * reverts all). Uses DATABASE_URL, else the local stack's database.
 */
import { parseArgs } from 'node:util';

import { loadConfig } from '../config/env';
import { resolveEndpoints } from '../stack/endpoints';
import { migrateDown, migrateUp } from './migrate';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { to: { type: 'string' } } });
  const databaseUrl = resolveEndpoints(loadConfig()).databaseUrl;
  const direction = positionals[0];

  if (direction === 'up') {
    const applied = await migrateUp(databaseUrl, values.to);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'No pending migrations');
    return;
  }
  if (direction === 'down') {
    const to = values.to === '0' ? 0 : values.to;
    const reverted = await migrateDown(databaseUrl, { to });
    console.log(reverted.length > 0 ? `Reverted: ${reverted.join(', ')}` : 'Nothing to revert');
    return;
  }
  throw new Error(`unknown direction "${direction ?? ''}"; use up or down`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`migrate: ${(error as Error).message}`);
    process.exit(1);
  },
);
