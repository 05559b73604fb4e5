/**
 * Key management for admins: create a key for a user (creating the user when
 * the email is new), list keys without their secrets, and revoke a key.
 */
import type { FastifyInstance } from 'fastify';

import { USER_ROLES, type UserRole } from '../../db/entities/user';
import { createApiKey, ensureUser, listApiKeys, revokeApiKey } from '../api-keys';
import { principalOf } from '../auth';
import type { ApiContext } from '../context';
import { notFound } from '../problem';
import { idParams, problemResponses } from '../schemas';

interface CreateKeyBody {
  email: string;
  role: UserRole;
  label?: string;
}

const keySummary = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    keyPrefix: { type: 'string' },
    userId: { type: 'integer' },
    email: { type: 'string' },
    role: { type: 'string' },
    label: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

export function registerApiKeyRoutes(app: FastifyInstance, context: ApiContext): void {
  app.post<{ Body: CreateKeyBody }>('/api-keys', {
    config: { role: 'admin' },
    schema: {
      summary: 'Create an API key for a user; the key is in this response only',
      tags: ['api keys'],
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'role'],
        properties: {
          email: { type: 'string', format: 'email', maxLength: 320 },
          role: { type: 'string', enum: [...USER_ROLES], description: "The user's role; an existing user's role is changed to it." },
          label: { type: 'string', minLength: 1, maxLength: 100 },
        },
      },
      response: {
        201: { type: 'object', properties: { id: { type: 'integer' }, key: { type: 'string' }, keyPrefix: { type: 'string' }, userId: { type: 'integer' }, role: { type: 'string' }, label: { type: ['string', 'null'] } } },
        ...problemResponses(400, 401, 403),
      },
    },
  }, async (request, reply) => {
    const { email, role, label } = request.body;
    const user = await ensureUser(context.knex, email, role);
    const created = await createApiKey(context.knex, user.userId, label ?? null);

    request.log.info({ apiKeyId: created.id, userId: user.userId, role, previousRole: user.previousRole, createdBy: principalOf(request).userId }, 'api key created');
    return reply.code(201).send({ ...created, role });
  });

  app.get('/api-keys', {
    config: { role: 'admin' },
    schema: {
      summary: 'List API keys (never their secrets)',
      tags: ['api keys'],
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: keySummary } } }, ...problemResponses(401, 403) },
    },
  }, async () => ({ items: await listApiKeys(context.knex) }));

  app.delete<{ Params: { keyId: number } }>('/api-keys/:keyId', {
    config: { role: 'admin' },
    schema: {
      summary: 'Revoke an API key; requests with it get 401 from then on',
      tags: ['api keys'],
      params: idParams('keyId'),
      response: { 204: { type: 'null', description: 'Revoked' }, ...problemResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const { keyId } = request.params;
    if (!(await revokeApiKey(context.knex, keyId))) throw notFound('API key', keyId);

    request.log.info({ apiKeyId: keyId, revokedBy: principalOf(request).userId }, 'api key revoked');
    return reply.code(204).send();
  });
}
