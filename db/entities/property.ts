import { defineEntity, p } from '@mikro-orm/core';

export const Property = defineEntity({
  name: 'Property',
  tableName: 'properties',
  properties: {
    id: p.integer().primary().autoincrement(),
    code: p.string().length(50).unique('properties_code_unique'),
    name: p.string().length(255),
    propertyGroup: p.string().length(50).nullable(),
    units: p.integer().nullable(),
    squareFeet: p.integer().nullable(),
    city: p.string().length(100).nullable(),
    state: p.string().length(50).nullable(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()').onCreate(() => new Date()),
  },
});
