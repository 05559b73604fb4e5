import type { MigrationObject } from '@mikro-orm/core';

import { Migration20261204000000BaseSchema } from './Migration20261204000000BaseSchema';
import { Migration20261204000100Phase1 } from './Migration20261204000100Phase1';
import { Migration20261204000200BatchJobDocuments } from './Migration20261204000200BatchJobDocuments';
import { Migration20261204000300ApiKeys } from './Migration20261204000300ApiKeys';

/** Every migration in the order it applies. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261204000000BaseSchema', class: Migration20261204000000BaseSchema },
  { name: 'Migration20261204000100Phase1', class: Migration20261204000100Phase1 },
  { name: 'Migration20261204000200BatchJobDocuments', class: Migration20261204000200BatchJobDocuments },
  { name: 'Migration20261204000300ApiKeys', class: Migration20261204000300ApiKeys },
];

export const BASE_MIGRATION = 'Migration20261204000000BaseSchema';
export const PHASE1_MIGRATION = 'Migration20261204000100Phase1';
