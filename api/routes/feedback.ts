/**
 * Feedback on a detection: stores the verdict with its Phase-1 columns and
 * sets the detection's status in the same transaction, so a detection is never
 * confirmed or dismissed without the feedback that says why.
 */
import type { FastifyInstance } from 'fastify';

import { FEEDBACK_VERDICTS, type FeedbackVerdict } from '../../db/entities/anomaly-feedback';
import type { DetectionStatus } from '../../db/entities/anomaly-detection';
import { principalOf } from '../auth';
import type { ApiContext } from '../context';
import { notFound } from '../problem';
import { idParams, problemResponses } from '../schemas';
import { toDetectionView, toFeedbackView } from './detections';

/** A true positive confirms the finding; the other verdicts dismiss it. */
const STATUS_FOR_VERDICT: Record<FeedbackVerdict, DetectionStatus> = {
  true_positive: 'confirmed',
  false_positive: 'dismissed',
  expected_change: 'dismissed',
};

interface FeedbackBody {
  verdict: FeedbackVerdict;
  notes?: string;
  feedbackConfidence?: number;
  businessContext?: string;
}

const feedbackBody = {
  type: 'object',
  additionalProperties: false,
  required: ['verdict'],
  properties: {
    verdict: { type: 'string', enum: [...FEEDBACK_VERDICTS] },
    notes: { type: 'string', maxLength: 10_000 },
    feedbackConfidence: { type: 'number', minimum: 0, maximum: 1, description: 'How sure the reviewer is, 0 to 1; stored with four decimal places; default 1.' },
    businessContext: { type: 'string', maxLength: 10_000, description: 'Why the figure is what it is (for example a planned roof repair).' },
  },
} as const;

export function registerFeedbackRoutes(app: FastifyInstance, context: ApiContext): void {
  app.post<{ Params: { detectionId: number }; Body: FeedbackBody }>('/detections/:detectionId/feedback', {
    config: { role: 'analyst' },
    schema: {
      summary: 'Record feedback on a detection and confirm or dismiss it',
      tags: ['detections'],
      params: idParams('detectionId'),
      body: feedbackBody,
      response: {
        201: { type: 'object', properties: { feedback: { $ref: 'Feedback#' }, detection: { $ref: 'Detection#' } } },
        ...problemResponses(400, 401, 403, 404, 413),
      },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const { detectionId } = request.params;
    const body = request.body;
    const status = STATUS_FOR_VERDICT[body.verdict];

    const result = await context.knex.transaction(async (trx) => {
      // The row lock orders concurrent verdicts on one detection, so its status matches the latest feedback.
      const detection = await trx('anomaly_detections').where({ id: detectionId }).forUpdate().first<{ id: number } | undefined>('id');
      if (!detection) throw notFound('detection', detectionId);

      const [feedback] = await trx('anomaly_feedback')
        .insert({
          anomaly_detection_id: detectionId,
          user_id: principal.userId,
          verdict: body.verdict,
          notes: body.notes ?? null,
          feedback_confidence: body.feedbackConfidence,
          business_context: body.businessContext ?? null,
        })
        .returning<Record<string, unknown>[]>('*');
      const [updated] = await trx('anomaly_detections').where({ id: detectionId }).update({ status }).returning<Record<string, unknown>[]>('*');
      return { feedback: feedback!, detection: updated! as Record<string, unknown> & { id: number } };
    });

    request.log.info({ detectionId, feedbackId: result.feedback.id, verdict: body.verdict, userId: principal.userId }, 'feedback recorded');
    return reply.code(201).send({ feedback: toFeedbackView(result.feedback), detection: toDetectionView(result.detection) });
  });
}
