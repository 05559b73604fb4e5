/**
 * A database per test suite, copied from the migrated template that the
 * global set-up prepares, so suites never see each other's rows.
 */
import crypto from 'node:crypto';
import pg from 'pg';

import { openOrm, type MikroORM } from '../../db/orm';

export const TEMPLATE_DATABASE = 'reims_test_template';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.REIMS_TEST_DATABASE_URL;
  if (!url) throw new Error('REIMS_TEST_DATABASE_URL is not set: run the tests with npm test, which starts the stack');
  return url;
}

function urlFor(database: string): string {
  const parsed = new URL(serverUrl());
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Starts job ids at a random offset: every suite shares one Temporal
 * namespace, and workflow ids are `batch-reprocess-<jobId>`, so suites must
 * not reuse job ids.
 */
async function offsetJobIds(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const start = 1_000_000 + crypto.randomInt(0, 2_000_000_000);
    await client.query(`alter sequence batch_reprocessing_jobs_id_seq restart with ${start}`);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database; `migrated: false` gives an empty one (for migration tests). */
export async function createTestDatabase(label: string, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `reims_test_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${crypto.randomBytes(4).toString('hex')}`;
  const template = options.migrated === false ? 'template0' : TEMPLATE_DATABASE;
  await admin((client) => client.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`));
  if (options.migrated !== false) await offsetJobIds(urlFor(name));

  return {
    name,
    url: urlFor(name),
    drop: () => admin((client) => client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`)).then(() => undefined),
  };
}

/** A test database with an ORM opened on it. */
export async function openTestOrm(label: string): Promise<{ database: TestDatabase; orm: MikroORM; close(): Promise<void> }> {
  const database = await createTestDatabase(label);
  const orm = await openOrm({ databaseUrl: database.url, poolSize: 4 });
  return {
    database,
    orm,
    close: async () => {
      await orm.close(true);
      await database.drop();
    },
  };
}
