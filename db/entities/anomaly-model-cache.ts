import { defineEntity, p } from '@mikro-orm/core';

import { Property } from './property';

export const AnomalyModelCache = defineEntity({
  name: 'AnomalyModelCache',
  tableName: 'anomaly_model_cache',
  properties: {
    id: p.integer().primary().autoincrement(),
    modelKey: p.string().length(255).unique('anomaly_model_cache_model_key_unique'),
    property: () => p.manyToOne(Property).nullable().deleteRule('cascade').index('anomaly_model_cache_property_id_index'),
    accountCode: p.string().length(50).nullable(),
    modelType: p.string().length(50).index('anomaly_model_cache_model_type_index'),
    modelBinary: p.blob().columnType('bytea').nullable(),
    modelMetadata: p.json<Record<string, unknown>>().nullable(),
    modelVersion: p.string().length(20).nullable(),
    trainingAccuracy: p.decimal().precision(5).scale(4).nullable(),
    validationAccuracy: p.decimal().precision(5).scale(4).nullable(),
    precisionScore: p.decimal().precision(5).scale(4).nullable(),
    recallScore: p.decimal().precision(5).scale(4).nullable(),
    f1Score: p.decimal().fieldName('f1_score').precision(5).scale(4).nullable(),
    trainingDataSize: p.integer().nullable(),
    trainingDateRange: p.json<{ start: string; end: string }>().nullable(),
    trainedAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()'),
    lastUsedAt: p.datetime().columnType('timestamptz').nullable(),
    useCount: p.integer().nullable().default(0),
    isActive: p.boolean().nullable().default(true),
    expiresAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [{ name: 'anomaly_model_cache_is_active_expires_at_index', properties: ['isActive', 'expiresAt'] }],
});
