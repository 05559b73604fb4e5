import { defineEntity, p } from '@mikro-orm/core';

import { Property } from './property';

export const PyodModelSelectionLog = defineEntity({
  name: 'PyodModelSelectionLog',
  tableName: 'pyod_model_selection_log',
  properties: {
    id: p.integer().primary().autoincrement(),
    property: () => p.manyToOne(Property).nullable().deleteRule('cascade').index('pyod_model_selection_log_property_id_index'),
    accountCode: p.string().length(50).nullable().index('pyod_model_selection_log_account_code_index'),
    dataCharacteristics: p.json<Record<string, unknown>>().nullable(),
    llmRecommendedModels: p.json<unknown>().nullable(),
    selectedModel: p.string().length(50).nullable().index('pyod_model_selection_log_selected_model_index'),
    selectionReasoning: p.text().nullable(),
    crossValidationScore: p.decimal().precision(5).scale(4).nullable(),
    actualPrecision: p.decimal().precision(5).scale(4).nullable(),
    actualRecall: p.decimal().precision(5).scale(4).nullable(),
    selectedAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()),
  },
});
