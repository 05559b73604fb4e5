/** Applies and reverts the schema migrations on a database URL. */
import { openOrm } from './orm';

export interface MigrateDownOptions {
  /** Revert every migration after, and including, this one; 0 reverts all; default: only the latest one. */
  to?: string | 0;
}

/** Applies pending migrations; returns the names applied. */
export async function migrateUp(databaseUrl: string, to?: string): Promise<string[]> {
  const orm = await openOrm({ databaseUrl, poolSize: 2 });
  try {
    const applied = await orm.getMigrator().up(to === undefined ? undefined : { to });
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}

/** Reverts migrations; returns the names reverted. */
export async function migrateDown(databaseUrl: string, options: MigrateDownOptions = {}): Promise<string[]> {
  const orm = await openOrm({ databaseUrl, poolSize: 2 });
  try {
    const reverted = await orm.getMigrator().down(options.to === undefined ? undefined : { to: options.to });
    return reverted.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}
