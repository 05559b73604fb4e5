/**
 * Error responses of the HTTP API as `application/problem+json` (RFC 9457):
 * `type`, `title`, `status`, `detail`, `instance`, plus an `errors` list that
 * names each invalid field. One error handler turns every failure into such a
 * body, so routes only throw.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { InvalidJobFiltersError } from '../jobs/filters';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types, as URNs because the API serves no documentation pages to dereference. */
export const PROBLEM_TYPES = {
  validation: 'urn:reims:problem:validation-error',
  invalidFilters: 'urn:reims:problem:invalid-job-filters',
  unauthenticated: 'urn:reims:problem:unauthenticated',
  forbidden: 'urn:reims:problem:forbidden',
  featureDisabled: 'urn:reims:problem:feature-disabled',
  notFound: 'urn:reims:problem:not-found',
  conflict: 'urn:reims:problem:conflict',
  bodyTooLarge: 'urn:reims:problem:body-too-large',
  unsupportedMediaType: 'urn:reims:problem:unsupported-media-type',
  malformedBody: 'urn:reims:problem:malformed-body',
  internal: 'urn:reims:problem:internal-error',
} as const;

/** One invalid input: where it is (`body`, `querystring`, `params`), its JSON pointer, and what is wrong. */
export interface FieldError {
  in: 'body' | 'querystring' | 'params' | 'headers';
  pointer: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

/** An expected failure of a route; the error handler sends it as a problem. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

export function notFound(what: string, id: number): ProblemError {
  return new ProblemError(404, PROBLEM_TYPES.notFound, 'Not found', `${what} ${id} does not exist`);
}

export function conflict(detail: string): ProblemError {
  return new ProblemError(409, PROBLEM_TYPES.conflict, 'Conflict', detail);
}

export function unprocessable(detail: string, errors: FieldError[]): ProblemError {
  return new ProblemError(422, PROBLEM_TYPES.validation, 'Invalid request', detail, errors);
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'instance'>): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send({ ...problem, instance: request.url });
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Names the field of one Ajv error: a missing or unexpected property is named by its own pointer, not its parent's. */
function fieldErrorOf(error: AjvError, location: FieldError['in']): FieldError {
  const child = error.params.missingProperty ?? error.params.additionalProperty;
  const pointer = typeof child === 'string' ? `${error.instancePath}/${child}` : error.instancePath || '/';
  let detail = error.message ?? error.keyword;
  if (error.keyword === 'additionalProperties') detail = 'is not an accepted field';
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) detail = `must be one of ${error.params.allowedValues.join(', ')}`;
  return { in: location, pointer, detail };
}

/**
 * Detects an error raised because a feature flag switches a capability off
 * (for example BatchReprocessingDisabledError from createJob). It matches by
 * name, so every such error maps to 403 without this module importing each one.
 */
function isFeatureDisabled(error: Error): boolean {
  return error.name.endsWith('DisabledError');
}

function problemOf(error: FastifyError): Omit<Problem, 'instance'> | null {
  if (error.validation) {
    const location = error.validationContext ?? 'body';
    const errors = (error.validation as unknown as AjvError[]).map((entry) => fieldErrorOf(entry, location));
    const fields = errors.map((entry) => entry.pointer).join(', ');
    return { type: PROBLEM_TYPES.validation, title: 'Invalid request', status: 400, detail: `The ${location} has invalid fields: ${fields}`, errors };
  }
  if (error instanceof ProblemError) {
    return { type: error.type, title: error.title, status: error.status, detail: error.message, ...(error.errors ? { errors: error.errors } : {}) };
  }
  if (error instanceof InvalidJobFiltersError) {
    const errors = error.problems.map((detail): FieldError => ({ in: 'body', pointer: '/', detail }));
    return { type: PROBLEM_TYPES.invalidFilters, title: 'Invalid job filters', status: 422, detail: error.message, errors };
  }
  if (isFeatureDisabled(error)) {
    return { type: PROBLEM_TYPES.featureDisabled, title: 'Feature disabled', status: 403, detail: error.message };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { type: PROBLEM_TYPES.bodyTooLarge, title: 'Request body too large', status: 413, detail: error.message };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { type: PROBLEM_TYPES.unsupportedMediaType, title: 'Unsupported media type', status: 415, detail: 'Send request bodies as application/json' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { type: PROBLEM_TYPES.malformedBody, title: 'Malformed request body', status: 400, detail: error.message };
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { type: PROBLEM_TYPES.malformedBody, title: 'Bad request', status: error.statusCode, detail: error.message };
  }
  return null;
}

/** Installs the error and not-found handlers, which send every failure as a problem body. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemOf(error);
    if (problem) {
      request.log.debug({ status: problem.status, type: problem.type, detail: problem.detail }, 'request rejected');
      return sendProblem(reply, request, problem);
    }

    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, { type: PROBLEM_TYPES.internal, title: 'Internal server error', status: 500, detail: 'The request failed on the server. The API log contains the cause.' });
  });

  app.setNotFoundHandler((request, reply) => {
    return sendProblem(reply, request, { type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: `No route ${request.method} ${request.url}` });
  });
}
