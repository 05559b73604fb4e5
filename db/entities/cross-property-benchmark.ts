import { defineEntity, p } from '@mikro-orm/core';

export const CrossPropertyBenchmark = defineEntity({
  name: 'CrossPropertyBenchmark',
  tableName: 'cross_property_benchmarks',
  properties: {
    id: p.integer().primary().autoincrement(),
    accountCode: p.string().length(50).index('cross_property_benchmarks_account_code_index'),
    benchmarkPeriod: p.date().index('cross_property_benchmarks_benchmark_period_index'),
    propertyGroup: p.string().length(50).nullable().index('cross_property_benchmarks_property_group_index'),
    portfolioMean: p.decimal().precision(15).scale(2).nullable(),
    portfolioMedian: p.decimal().precision(15).scale(2).nullable(),
    portfolioStd: p.decimal().precision(15).scale(2).nullable(),
    percentile25: p.decimal().fieldName('percentile_25').precision(15).scale(2).nullable(),
    percentile75: p.decimal().fieldName('percentile_75').precision(15).scale(2).nullable(),
    percentile90: p.decimal().fieldName('percentile_90').precision(15).scale(2).nullable(),
    percentile95: p.decimal().fieldName('percentile_95').precision(15).scale(2).nullable(),
    propertyCount: p.integer(),
    propertyIds: p.json<number[]>().nullable(),
    calculatedAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()'),
    createdAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ name: 'cross_property_benchmarks_account_period_group_unique', properties: ['accountCode', 'benchmarkPeriod', 'propertyGroup'] }],
});
