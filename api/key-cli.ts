/**
 * Creates an API key (`npm run api:key -- --email E --role viewer|analyst|admin [--label L]`).
 * Creates the user when the email is new and sets an existing user's role to
 * `--role`. Prints the key once on stdout; only its hash is stored.
 */
import { parseArgs } from 'node:util';

import { USER_ROLES } from '../db/entities/user';
import { loadConfig } from '../config/env';
import { openOrm } from '../db/orm';
import { resolveEndpoints } from '../stack/endpoints';
import { createApiKey, ensureUser, isUserRole } from './api-keys';

const USAGE = `usage: npm run api:key -- --email EMAIL --role ${USER_ROLES.join('|')} [--label TEXT]`;

function readArguments(): { email: string; role: (typeof USER_ROLES)[number]; label: string | null } | null {
  const { values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, label: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return null;

  const problems: string[] = [];
  if (!values.email) problems.push('--email is missing');
  else if (!/^[^@\s]+@[^@\s]+$/.test(values.email)) problems.push(`--email "${values.email}" is not an email address`);
  if (!values.role) problems.push('--role is missing');
  else if (!isUserRole(values.role)) problems.push(`--role "${values.role}" is not one of ${USER_ROLES.join(', ')}`);
  if (values.label !== undefined && (values.label.length === 0 || values.label.length > 100)) problems.push('--label must have 1 to 100 characters');
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\n${USAGE}`);

  return { email: values.email!, role: values.role as (typeof USER_ROLES)[number], label: values.label ?? null };
}

async function main(): Promise<void> {
  const request = readArguments();
  if (!request) {
    console.log(USAGE);
    return;
  }

  const endpoints = resolveEndpoints(loadConfig());
  const orm = await openOrm({ databaseUrl: endpoints.databaseUrl, poolSize: 2 });
  try {
    const knex = orm.em.getConnection().getKnex();
    const user = await ensureUser(knex, request.email, request.role);
    const created = await createApiKey(knex, user.userId, request.label);

    if (user.created) console.error(`Created user ${request.email} with role ${request.role}`);
    else if (user.previousRole !== request.role) console.error(`Changed the role of ${request.email} from ${user.previousRole} to ${request.role}`);
    console.error(`API key ${created.keyPrefix} (id ${created.id}) for ${request.email}; store it now, it is not shown again:`);
    console.log(created.key);
  } finally {
    await orm.close(true);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`api:key: ${(error as Error).message}`);
    process.exit(1);
  },
);
