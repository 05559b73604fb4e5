/**
 * Detection routes: list findings by property, document, statement period,
 * severity and status; read one finding with its feedback.
 */
import type { FastifyInstance } from 'fastify';

import { DETECTION_STATUSES } from '../../db/entities/anomaly-detection';
import { SEVERITIES } from '../../domain/statements';
import type { ApiContext } from '../context';
import { fetchPage } from '../pagination';
import { notFound, unprocessable } from '../problem';
import { cursorQueryProperties, idParams, problemResponses } from '../schemas';
import { isoDate } from '../values';

interface ListDetectionsQuery {
  propertyId?: number;
  documentId?: number;
  batchJobId?: number;
  periodFrom?: string;
  periodTo?: string;
  severity?: string[];
  status?: string;
  limit: number;
  cursor?: string;
}

type DetectionRow = Record<string, unknown> & { id: number };


export function toDetectionView(row: DetectionRow) {
  return {
    id: row.id,
    propertyId: row.property_id as number,
    documentId: row.document_upload_id as number,
    lineItemId: (row.line_item_id as number | null) ?? null,
    accountCode: (row.account_code as string | null) ?? null,
    period: isoDate(row.period),
    actualValue: (row.actual_value as string | null) ?? null,
    expectedValue: (row.expected_value as string | null) ?? null,
    score: row.score == null ? null : Number(row.score),
    severity: row.severity as string,
    anomalyType: row.anomaly_type as string,
    detector: row.detector as string,
    status: row.status as string,
    batchJobId: (row.batch_job_id as number | null) ?? null,
    message: (row.message as string | null) ?? null,
    createdAt: row.created_at ?? null,
  };
}

const positiveId = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;

function registerListDetections(app: FastifyInstance, context: ApiContext): void {
  app.get<{ Querystring: ListDetectionsQuery }>('/detections', {
    schema: {
      summary: 'List detections, newest first',
      tags: ['detections'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          propertyId: positiveId,
          documentId: positiveId,
          batchJobId: positiveId,
          periodFrom: { type: 'string', format: 'date', description: 'Detections whose period is on or after this date.' },
          periodTo: { type: 'string', format: 'date', description: 'Detections whose period is on or before this date.' },
          severity: { type: 'array', items: { type: 'string', enum: [...SEVERITIES] }, maxItems: SEVERITIES.length, description: 'Repeat to accept several severities.' },
          status: { type: 'string', enum: [...DETECTION_STATUSES] },
          ...cursorQueryProperties,
        },
      },
      response: {
        200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'Detection#' } }, nextCursor: { type: ['string', 'null'] } } },
        ...problemResponses(400, 401, 422),
      },
    },
  }, async (request) => {
    const filters = request.query;
    if (filters.periodFrom && filters.periodTo && filters.periodFrom > filters.periodTo) {
      throw unprocessable('periodFrom is after periodTo', [{ in: 'querystring', pointer: '/periodFrom', detail: `${filters.periodFrom} is after periodTo ${filters.periodTo}` }]);
    }

    const query = context.knex('anomaly_detections as a').select('a.*');
    if (filters.propertyId) void query.where('a.property_id', filters.propertyId);
    if (filters.documentId) void query.where('a.document_upload_id', filters.documentId);
    if (filters.batchJobId) void query.where('a.batch_job_id', filters.batchJobId);
    if (filters.periodFrom) void query.where('a.period', '>=', filters.periodFrom);
    if (filters.periodTo) void query.where('a.period', '<=', filters.periodTo);
    if (filters.severity && filters.severity.length > 0) void query.whereIn('a.severity', filters.severity);
    if (filters.status) void query.where('a.status', filters.status);
    return fetchPage<DetectionRow, ReturnType<typeof toDetectionView>>(query, 'a.id', { limit: filters.limit, cursor: filters.cursor }, toDetectionView);
  });
}

function registerGetDetection(app: FastifyInstance, context: ApiContext): void {
  app.get<{ Params: { detectionId: number } }>('/detections/:detectionId', {
    schema: {
      summary: 'Get a detection with its feedback',
      tags: ['detections'],
      params: idParams('detectionId'),
      response: {
        200: { type: 'object', properties: { detection: { $ref: 'Detection#' }, feedback: { type: 'array', items: { $ref: 'Feedback#' } } } },
        ...problemResponses(400, 401, 404),
      },
    },
  }, async (request) => {
    const { detectionId } = request.params;
    const row = (await context.knex('anomaly_detections').where({ id: detectionId }).first()) as DetectionRow | undefined;
    if (!row) throw notFound('detection', detectionId);

    const feedback = await context.knex('anomaly_feedback').where({ anomaly_detection_id: detectionId }).orderBy('id');
    return { detection: toDetectionView(row), feedback: feedback.map(toFeedbackView) };
  });
}

export function toFeedbackView(row: Record<string, unknown>) {
  return {
    id: row.id as number,
    detectionId: row.anomaly_detection_id as number,
    userId: (row.user_id as number | null) ?? null,
    verdict: row.verdict as string,
    notes: (row.notes as string | null) ?? null,
    feedbackConfidence: (row.feedback_confidence as string | null) ?? null,
    businessContext: (row.business_context as string | null) ?? null,
    learnedApplied: (row.learned_applied as boolean | null) ?? null,
    similarAnomaliesSuppressed: (row.similar_anomalies_suppressed as number | null) ?? null,
    createdAt: row.created_at ?? null,
  };
}

export function registerDetectionRoutes(app: FastifyInstance, context: ApiContext): void {
  registerListDetections(app, context);
  registerGetDetection(app, context);
}
