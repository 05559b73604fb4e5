/** Connections a client command needs: the database and the Temporal client, closed together. */
import { Client, Connection } from '@temporalio/client';
import type { Knex } from '@mikro-orm/postgresql';

import { loadConfig, type AppConfig } from '../config/env';
import { openOrm, type MikroORM } from '../db/orm';
import { resolveEndpoints, type Endpoints } from '../stack/endpoints';

export interface ClientContext {
  config: AppConfig;
  endpoints: Endpoints;
  orm: MikroORM;
  knex: Knex;
  temporal: Client;
  close(): Promise<void>;
}

export async function openClientContext(): Promise<ClientContext> {
  const config = loadConfig();
  const endpoints = resolveEndpoints(config);
  const orm = await openOrm({ databaseUrl: endpoints.databaseUrl, poolSize: 4 });
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: endpoints.temporalAddress, connectTimeout: 5000 });
  } catch (error) {
    await orm.close(true);
    throw new Error(`cannot reach the Temporal server at ${endpoints.temporalAddress}: ${(error as Error).message}. Start the stack with "npm run stack:start" or set TEMPORAL_ADDRESS`);
  }
  return {
    config,
    endpoints,
    orm,
    knex: orm.em.getConnection().getKnex(),
    temporal: new Client({ connection, namespace: endpoints.temporalNamespace }),
    close: async () => {
      await connection.close();
      await orm.close(true);
    },
  };
}

/** Finds a user by email, creating an analyst account for a new one (client scripts act as a named person). */
export async function userIdForEmail(knex: Knex, email: string): Promise<number> {
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`--user "${email}" is not an email address`);
  const existing = await knex('users').where({ email }).first<{ id: number } | undefined>('id');
  if (existing) return existing.id;
  const [row] = await knex('users')
    .insert({ email, name: email.split('@')[0], role: 'analyst' })
    .onConflict('email')
    .merge()
    .returning<{ id: number }[]>('id');
  return row!.id;
}
