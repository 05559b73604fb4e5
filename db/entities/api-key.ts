import { defineEntity, p } from '@mikro-orm/core';

import { User } from './user';

/**
 * A key of the HTTP API. The key acts with its user's role; only the SHA-256
 * hash of the whole key is stored, and `keyPrefix` is its public part.
 */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: p.integer().primary().autoincrement(),
    user: () => p.manyToOne(User).deleteRule('cascade').index('api_keys_user_id_index'),
    keyPrefix: p.string().length(32).unique('api_keys_key_prefix_unique'),
    /** Lower-case hex SHA-256 of the whole key. */
    keyHash: p.string().columnType('char(64)'),
    label: p.string().length(100).nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()').onCreate(() => new Date()),
    lastUsedAt: p.datetime().columnType('timestamptz').nullable(),
    revokedAt: p.datetime().columnType('timestamptz').nullable(),
  },
});
