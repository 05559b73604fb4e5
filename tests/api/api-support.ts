/**
 * Set-up shared by the API suites: a test database, a Temporal client, the
 * API built on them and listening on 127.0.0.1 (an ephemeral port), and one
 * user with a key per role.
 *
 * NOTE: requests go through a real socket with fetch, not Fastify's `inject`:
 * light-my-request (behind `inject`) requires `cookie` 2.x, an ES module that
 * jest's CommonJS runtime cannot `require`. Transforming `cookie` in
 * jest.config.js (transformIgnorePatterns) would make `inject` usable here.
 */
import type { Knex } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';

import { createApiKey, ensureUser } from '../../api/api-keys';
import { buildApiServer } from '../../api/server';
import { createLogger } from '../../config/logger';
import type { UserRole } from '../../db/entities/user';
import type { MikroORM } from '../../db/orm';
import { openTestOrm } from '../support/database';
import { connectClient } from '../support/temporal';

export interface TestUser {
  userId: number;
  email: string;
  key: string;
  keyId: number;
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): any;
}

export interface ApiHarness {
  app: FastifyInstance;
  orm: MikroORM;
  knex: Knex;
  temporal: Client;
  users: Record<UserRole, TestUser>;
  /** Sends a request with the role's key (or none for `anonymous`). */
  call(as: UserRole | 'anonymous', options: RequestOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function openApiHarness(label: string, taskQueue: string): Promise<ApiHarness> {
  const { orm, close: closeDatabase } = await openTestOrm(label);
  const knex = orm.em.getConnection().getKnex();
  const { client: temporal, close: closeClient } = await connectClient();
  const app = await buildApiServer({ knex, temporal, taskQueue, progressQueryTimeoutMs: 5000 }, { logger: createLogger('api-test', 'silent') });

  const address = await app.listen({ host: '127.0.0.1', port: 0 });

  const users = {} as Record<UserRole, TestUser>;
  for (const role of ['viewer', 'analyst', 'admin'] as const) {
    const email = `${role}@example.com`;
    const { userId } = await ensureUser(knex, email, role);
    const created = await createApiKey(knex, userId, `${role} test key`);
    users[role] = { userId, email, key: created.key, keyId: created.id };
  }

  return {
    app,
    orm,
    knex,
    temporal,
    users,
    call: (as, options) => send(address, as === 'anonymous' ? null : users[as].key, options),
    close: async () => {
      await app.close();
      await closeClient();
      await closeDatabase();
    },
  };
}

async function send(address: string, key: string | null, options: RequestOptions): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (key) headers.authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (options.payload !== undefined) {
    body = typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload);
    headers['content-type'] ??= 'application/json';
  }

  const response = await fetch(`${address}${options.url}`, { method: options.method, headers, body });
  const text = await response.text();
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: text,
    json: () => JSON.parse(text),
  };
}

/** Checks the RFC 9457 shape and returns the parsed body. */
export function problemBody(response: ApiResponse, status: number): { type: string; title: string; status: number; detail: string; errors?: { in: string; pointer: string; detail: string }[] } {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ type: expect.stringMatching(/^urn:reims:problem:/), title: expect.any(String), status, detail: expect.any(String) });
  return body;
}

export function pointersOf(body: { errors?: { pointer: string }[] }): string[] {
  return (body.errors ?? []).map((error) => error.pointer).sort();
}
