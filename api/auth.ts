/**
 * Authentication and roles. Every route needs an API key
 * (`Authorization: Bearer <key>`) unless its config says `public: true`, and
 * a route's `config.role` is the least role that may call it:
 * viewer < analyst < admin. Both checks run in `onRequest`, before the body is
 * read, so a caller without access learns nothing from validation errors.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from '@mikro-orm/postgresql';

import type { UserRole } from '../db/entities/user';
import { authenticateApiKey, type Principal } from './api-keys';
import { PROBLEM_TYPES, ProblemError, sendProblem } from './problem';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Least role allowed to call the route; default `viewer`. */
    role?: UserRole;
    /** Serves the route without an API key (health check, OpenAPI document). */
    public?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const ROLE_RANK: Record<UserRole, number> = { viewer: 0, analyst: 1, admin: 2 };

export function hasRole(principal: Principal, role: UserRole): boolean {
  return ROLE_RANK[principal.role] >= ROLE_RANK[role];
}

export function forbidden(detail: string): ProblemError {
  return new ProblemError(403, PROBLEM_TYPES.forbidden, 'Forbidden', detail);
}

/** The caller of a route that is not public; the auth hook has set it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('principalOf called on a public route');
  return request.principal;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

function unauthenticated(reply: FastifyReply, request: FastifyRequest, detail: string): FastifyReply {
  void reply.header('www-authenticate', 'Bearer realm="reims"');
  return sendProblem(reply, request, { type: PROBLEM_TYPES.unauthenticated, title: 'Unauthenticated', status: 401, detail });
}

export function installAuth(app: FastifyInstance, knex: Knex): void {
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (config.public) return;

    const token = bearerToken(request);
    if (!token) return unauthenticated(reply, request, 'Missing API key: send it as "Authorization: Bearer <key>"');
    const principal = await authenticateApiKey(knex, token);
    if (!principal) {
      request.log.info({ url: request.url }, 'api key rejected');
      return unauthenticated(reply, request, 'The API key is invalid or revoked');
    }
    request.principal = principal;

    const role = config.role ?? 'viewer';
    if (!hasRole(principal, role)) {
      return sendProblem(reply, request, { type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: `This operation needs the ${role} role; user ${principal.email} has ${principal.role}` });
    }
  });
}
