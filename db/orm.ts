/**
 * MikroORM set-up: one place that builds the ORM options for a database URL,
 * with the entities and the migrations listed explicitly (no folder scanning,
 * so the same code runs under tsx, jest and compiled JavaScript).
 */
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';

import { ALL_ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface OrmOptions {
  /** PostgreSQL connection URL. */
  databaseUrl: string;
  /** Connection pool size; default 10. */
  poolSize?: number;
  debug?: boolean;
}

export function ormConfig(options: OrmOptions): Options {
  return defineConfig({
    clientUrl: options.databaseUrl,
    entities: ALL_ENTITIES,
    extensions: [Migrator],
    debug: options.debug ?? false,
    pool: { min: 0, max: options.poolSize ?? 10 },
    // Numeric columns come back as exact decimal strings; nothing is parsed to float.
    forceUtcTimezone: true,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  });
}

export function openOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

export type { MikroORM };
