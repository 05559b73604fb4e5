/**
 * JSON schemas shared by the routes: the problem body, pagination and the
 * response shapes. Each shared schema has an `$id`, so the OpenAPI document
 * lists it once under `components.schemas`.
 */
import type { FastifyInstance } from 'fastify';

import { PROBLEM_CONTENT_TYPE } from './problem';

/** Largest page any list returns; a larger `limit` is rejected. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'An error as application/problem+json (RFC 9457).',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          in: { type: 'string', enum: ['body', 'querystring', 'params', 'headers'] },
          pointer: { type: 'string', description: 'JSON pointer of the field inside `in`.' },
          detail: { type: 'string' },
        },
      },
    },
  },
  required: ['type', 'title', 'status', 'detail'],
} as const;

export const jobProgressSchema = {
  $id: 'JobProgress',
  type: 'object',
  description: 'Live progress from the workflow query.',
  properties: {
    status: { type: 'string' },
    total: { type: 'integer' },
    processed: { type: 'integer' },
    succeeded: { type: 'integer' },
    failed: { type: 'integer' },
    skipped: { type: 'integer' },
    percent: { type: 'number' },
    documentsPerSecond: { type: 'number' },
    estimatedCompletionAt: { type: ['string', 'null'], format: 'date-time' },
    paused: { type: 'boolean' },
    cancelRequested: { type: 'boolean' },
  },
} as const;

const nullableString = { type: ['string', 'null'] } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;

export const jobSchema = {
  $id: 'Job',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    jobName: nullableString,
    status: { type: 'string' },
    initiatedBy: { type: ['object', 'null'], properties: { id: { type: 'integer' }, email: { type: 'string' } } },
    workflowId: nullableString,
    filters: {
      type: 'object',
      properties: {
        propertyIds: { type: 'array', items: { type: 'integer' } },
        dateFrom: nullableString,
        dateTo: nullableString,
        documentTypes: { type: 'array', items: { type: 'string' } },
        extractionStatus: nullableString,
      },
    },
    counts: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        processed: { type: 'integer' },
        succeeded: { type: 'integer' },
        failed: { type: 'integer' },
        skipped: { type: 'integer' },
      },
    },
    resultsSummary: { type: ['object', 'null'], additionalProperties: true },
    startedAt: nullableDateTime,
    completedAt: nullableDateTime,
    estimatedCompletionAt: nullableDateTime,
    createdAt: nullableDateTime,
    updatedAt: nullableDateTime,
  },
} as const;

export const detectionSchema = {
  $id: 'Detection',
  type: 'object',
  description: 'One finding. Money values are exact decimal strings.',
  properties: {
    id: { type: 'integer' },
    propertyId: { type: 'integer' },
    documentId: { type: 'integer' },
    lineItemId: { type: ['integer', 'null'] },
    accountCode: nullableString,
    period: nullableString,
    actualValue: nullableString,
    expectedValue: nullableString,
    score: { type: ['number', 'null'] },
    severity: { type: 'string' },
    anomalyType: { type: 'string' },
    detector: { type: 'string' },
    status: { type: 'string' },
    batchJobId: { type: ['integer', 'null'] },
    message: nullableString,
    createdAt: nullableDateTime,
  },
} as const;

export const feedbackSchema = {
  $id: 'Feedback',
  type: 'object',
  description: 'A verdict on a detection. feedbackConfidence is an exact decimal string (0 to 1, four places).',
  properties: {
    id: { type: 'integer' },
    detectionId: { type: 'integer' },
    userId: { type: ['integer', 'null'] },
    verdict: { type: 'string' },
    notes: nullableString,
    feedbackConfidence: nullableString,
    businessContext: nullableString,
    learnedApplied: { type: ['boolean', 'null'] },
    similarAnomaliesSuppressed: { type: ['integer', 'null'] },
    createdAt: nullableDateTime,
  },
} as const;

export const cursorQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: `Page size, at most ${MAX_PAGE_SIZE}.` },
  cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'The `nextCursor` of the previous page.' },
} as const;

export const idParams = (name: string) =>
  ({
    type: 'object',
    properties: { [name]: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } },
    required: [name],
    additionalProperties: false,
  }) as const;

/** Response entries for the given problem statuses, for route schemas. */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  const entry = { description: 'Problem (RFC 9457)', content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: 'Problem#' } } } };
  return Object.fromEntries(statuses.map((status) => [status, entry]));
}

export function addSharedSchemas(app: FastifyInstance): void {
  for (const schema of [problemSchema, jobProgressSchema, jobSchema, detectionSchema, feedbackSchema]) app.addSchema(schema);
}
