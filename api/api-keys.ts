/**
 * API keys: creation, lookup and revocation. A key has the form
 * `reims_<prefix>_<secret>`: the 12-hex-digit prefix is public and finds the
 * row, the secret is 32 random bytes (base64url). Only the SHA-256 of the whole
 * key is stored, and a presented key is compared with it in constant time.
 */
import crypto from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';

import { USER_ROLES, type UserRole } from '../db/entities/user';

const KEY_PATTERN = /^reims_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** The user a request acts as, found from its API key. */
export interface Principal {
  userId: number;
  email: string;
  role: UserRole;
  apiKeyId: number;
}

export interface CreatedApiKey {
  id: number;
  /** The whole key; it is shown once and never stored. */
  key: string;
  keyPrefix: string;
  userId: number;
  label: string | null;
}

export interface ApiKeySummary {
  id: number;
  keyPrefix: string;
  userId: number;
  email: string;
  role: UserRole;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): { key: string; keyPrefix: string } {
  const keyPrefix = crypto.randomBytes(6).toString('hex');
  const secret = crypto.randomBytes(32).toString('base64url');
  return { key: `reims_${keyPrefix}_${secret}`, keyPrefix };
}

export async function createApiKey(knex: Knex, userId: number, label: string | null): Promise<CreatedApiKey> {
  const { key, keyPrefix } = generateApiKey();
  const [row] = await knex('api_keys').insert({ user_id: userId, key_prefix: keyPrefix, key_hash: hashApiKey(key), label }).returning<{ id: number }[]>('id');
  return { id: row!.id, key, keyPrefix, userId, label };
}

/**
 * Returns the principal of a presented key, or null when the key is malformed,
 * unknown or revoked. Records the use at most once a minute per key, so
 * reads do not turn into a write each.
 */
export async function authenticateApiKey(knex: Knex, presented: string): Promise<Principal | null> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;

  const row = await knex('api_keys as k')
    .join('users as u', 'u.id', 'k.user_id')
    .where('k.key_prefix', match[1]!)
    .whereNull('k.revoked_at')
    .first<{ id: number; key_hash: string; user_id: number; email: string; role: UserRole } | undefined>('k.id', 'k.key_hash', 'k.user_id', 'u.email', 'u.role');
  if (!row) return null;

  const expected = Buffer.from(row.key_hash, 'hex');
  const actual = Buffer.from(hashApiKey(presented), 'hex');
  if (!crypto.timingSafeEqual(expected, actual)) return null;

  await knex('api_keys')
    .where({ id: row.id })
    .andWhere((query) => void query.whereNull('last_used_at').orWhere('last_used_at', '<', knex.raw("now() - interval '1 minute'")))
    .update({ last_used_at: knex.fn.now() });
  return { userId: row.user_id, email: row.email, role: row.role, apiKeyId: row.id };
}

/** Marks a key revoked; returns false when no key has that id. Revoking twice keeps the first time. */
export async function revokeApiKey(knex: Knex, keyId: number): Promise<boolean> {
  const exists = await knex('api_keys').where({ id: keyId }).first<{ id: number } | undefined>('id');
  if (!exists) return false;
  await knex('api_keys').where({ id: keyId }).whereNull('revoked_at').update({ revoked_at: knex.fn.now() });
  return true;
}

export async function listApiKeys(knex: Knex): Promise<ApiKeySummary[]> {
  const rows = await knex('api_keys as k')
    .join('users as u', 'u.id', 'k.user_id')
    .orderBy('k.id')
    .select<Record<string, unknown>[]>('k.id', 'k.key_prefix', 'k.user_id', 'u.email', 'u.role', 'k.label', 'k.created_at', 'k.last_used_at', 'k.revoked_at');
  return rows.map((row) => ({
    id: row.id as number,
    keyPrefix: row.key_prefix as string,
    userId: row.user_id as number,
    email: row.email as string,
    role: row.role as UserRole,
    label: row.label as string | null,
    createdAt: row.created_at as Date,
    lastUsedAt: row.last_used_at as Date | null,
    revokedAt: row.revoked_at as Date | null,
  }));
}

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}

/**
 * Finds a user by email or creates one with the given role. An existing
 * user's role is set to `role` when it differs; the previous role is returned
 * so callers can report the change.
 */
export async function ensureUser(knex: Knex, email: string, role: UserRole): Promise<{ userId: number; created: boolean; previousRole: UserRole | null }> {
  const existing = await knex('users').where({ email }).first<{ id: number; role: UserRole } | undefined>('id', 'role');
  if (existing) {
    if (existing.role !== role) await knex('users').where({ id: existing.id }).update({ role });
    return { userId: existing.id, created: false, previousRole: existing.role };
  }

  const [row] = await knex('users').insert({ email, name: email.split('@')[0], role }).returning<{ id: number }[]>('id');
  return { userId: row!.id, created: true, previousRole: null };
}
