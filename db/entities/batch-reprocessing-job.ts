import { defineEntity, p } from '@mikro-orm/core';

import { User } from './user';

export const JOB_STATUSES = ['queued', 'running', 'paused', 'completed', 'completed_with_errors', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A batch reprocessing job. `celery_task_id` holds the Temporal workflow id:
 * the column keeps its historical name so existing reports keep working.
 */
export const BatchReprocessingJob = defineEntity({
  name: 'BatchReprocessingJob',
  tableName: 'batch_reprocessing_jobs',
  properties: {
    id: p.integer().primary().autoincrement(),
    jobName: p.string().length(255).nullable(),
    initiatedBy: () => p.manyToOne(User).nullable().deleteRule('set null').fieldName('initiated_by').index('batch_reprocessing_jobs_initiated_by_index'),
    propertyIds: p.json<number[]>().nullable(),
    dateRangeStart: p.date().nullable(),
    dateRangeEnd: p.date().nullable(),
    documentTypes: p.json<string[]>().nullable(),
    extractionStatusFilter: p.string().length(50).nullable(),
    status: p.string().length(50).nullable().default('queued').index('batch_reprocessing_jobs_status_index'),
    celeryTaskId: p.string().length(255).nullable(),
    totalDocuments: p.integer().nullable().default(0),
    processedDocuments: p.integer().nullable().default(0),
    successfulCount: p.integer().nullable().default(0),
    failedCount: p.integer().nullable().default(0),
    skippedCount: p.integer().nullable().default(0),
    resultsSummary: p.json<Record<string, unknown>>().nullable(),
    startedAt: p.datetime().columnType('timestamptz').nullable(),
    completedAt: p.datetime().columnType('timestamptz').nullable(),
    estimatedCompletionAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()).index('batch_reprocessing_jobs_created_at_index'),
    updatedAt: p.datetime().columnType('timestamptz').nullable().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
