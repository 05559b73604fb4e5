import { defineEntity, p } from '@mikro-orm/core';

import { AnomalyDetection } from './anomaly-detection';

export const AnomalyExplanation = defineEntity({
  name: 'AnomalyExplanation',
  tableName: 'anomaly_explanations',
  properties: {
    id: p.integer().primary().autoincrement(),
    anomalyDetection: () => p.manyToOne(AnomalyDetection).deleteRule('cascade').index('anomaly_explanations_anomaly_detection_id_index'),
    rootCauseType: p.string().length(50).index('anomaly_explanations_root_cause_type_index'),
    rootCauseDescription: p.text(),
    contributingFactors: p.json<unknown>().nullable(),
    shapValues: p.json<unknown>().nullable(),
    shapBaseValue: p.decimal().precision(10).scale(4).nullable(),
    shapFeatureImportance: p.json<unknown>().nullable(),
    limeExplanation: p.json<unknown>().nullable(),
    limeIntercept: p.decimal().precision(10).scale(4).nullable(),
    limeScore: p.decimal().precision(5).scale(4).nullable(),
    suggestedActions: p.json<unknown>().nullable(),
    actionCategory: p.string().length(50).nullable(),
    explanationGeneratedAt: p.datetime().columnType('timestamptz').nullable(),
    explanationMethod: p.string().length(20).nullable(),
    computationTimeMs: p.integer().nullable(),
    createdAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()),
  },
});
