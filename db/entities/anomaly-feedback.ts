import { defineEntity, p } from '@mikro-orm/core';

import { AnomalyDetection } from './anomaly-detection';
import { User } from './user';

export const FEEDBACK_VERDICTS = ['true_positive', 'false_positive', 'expected_change'] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];

export const AnomalyFeedback = defineEntity({
  name: 'AnomalyFeedback',
  tableName: 'anomaly_feedback',
  properties: {
    id: p.integer().primary().autoincrement(),
    anomalyDetection: () => p.manyToOne(AnomalyDetection).deleteRule('cascade').index('anomaly_feedback_anomaly_detection_id_index'),
    user: () => p.manyToOne(User).nullable().deleteRule('set null'),
    verdict: p.enum(FEEDBACK_VERDICTS as unknown as FeedbackVerdict[]).columnType('varchar(20)'),
    notes: p.text().nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()').onCreate(() => new Date()),
    // Phase-1 columns.
    feedbackConfidence: p.decimal().precision(5).scale(4).nullable().defaultRaw('1.0'),
    businessContext: p.text().nullable(),
    learnedApplied: p.boolean().nullable().default(false),
    similarAnomaliesSuppressed: p.integer().nullable().default(0),
  },
});
