/**
 * Batch job routes: start a job with the same filters as `npm run job -- start`,
 * list jobs, and read one job with its live progress.
 */
import type { FastifyInstance } from 'fastify';

import { DOCUMENT_TYPES, type DocumentType } from '../../domain/statements';
import { createJob } from '../../jobs/create-job';
import { EXTRACTION_STATUS_FILTERS, type ExtractionStatusFilter } from '../../jobs/filters';
import { forbidden, hasRole, principalOf } from '../auth';
import type { ApiContext } from '../context';
import { JOB_STATUSES, jobQuery, liveProgress, readJob, toJobView, type JobRow } from '../job-view';
import { fetchPage } from '../pagination';
import { notFound, unprocessable, type FieldError } from '../problem';
import { cursorQueryProperties, idParams, problemResponses } from '../schemas';

/** Most property ids one job may name; a larger selection is a portfolio-wide job (no property filter). */
const MAX_PROPERTY_IDS = 1000;

interface CreateJobBody {
  propertyIds?: number[];
  dateFrom?: string;
  dateTo?: string;
  documentTypes?: DocumentType[];
  extractionStatus?: ExtractionStatusFilter;
  jobName?: string;
  maxConcurrency?: number;
}

const createJobBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    propertyIds: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, maxItems: MAX_PROPERTY_IDS, description: 'Only these properties; absent or empty means every property (admin only).' },
    dateFrom: { type: 'string', format: 'date', description: 'Statements whose period ends on or after this date.' },
    dateTo: { type: 'string', format: 'date', description: 'Statements whose period ends on or before this date.' },
    documentTypes: { type: 'array', items: { type: 'string', enum: [...DOCUMENT_TYPES] }, maxItems: DOCUMENT_TYPES.length },
    extractionStatus: { type: 'string', enum: [...EXTRACTION_STATUS_FILTERS], default: 'completed' },
    jobName: { type: 'string', minLength: 1, maxLength: 255 },
    maxConcurrency: { type: 'integer', minimum: 1, maximum: 500, description: 'Documents in flight at once; default 8.' },
  },
} as const;

const createdJobResponse = {
  type: 'object',
  properties: { jobId: { type: 'integer' }, jobName: { type: 'string' }, workflowId: { type: 'string' }, totalDocuments: { type: 'integer' }, status: { type: 'string' } },
} as const;

/** Checks what the schema cannot: the date order, and that each named property exists. */
async function checkJobBody(context: ApiContext, body: CreateJobBody): Promise<void> {
  const errors: FieldError[] = [];
  if (body.dateFrom && body.dateTo && body.dateFrom > body.dateTo) {
    errors.push({ in: 'body', pointer: '/dateFrom', detail: `${body.dateFrom} is after dateTo ${body.dateTo}` });
  }

  const propertyIds = [...new Set(body.propertyIds ?? [])];
  if (propertyIds.length > 0) {
    const found = new Set((await context.knex('properties').whereIn('id', propertyIds).pluck('id')) as number[]);
    (body.propertyIds ?? []).forEach((id, index) => {
      if (!found.has(id)) errors.push({ in: 'body', pointer: `/propertyIds/${index}`, detail: `property ${id} does not exist` });
    });
  }
  if (errors.length > 0) throw unprocessable(`The job request has ${errors.length} invalid field(s)`, errors);
}

function registerCreateJob(app: FastifyInstance, context: ApiContext): void {
  app.post<{ Body: CreateJobBody }>('/jobs', {
    config: { role: 'analyst' },
    schema: {
      summary: 'Create and start a batch reprocessing job',
      tags: ['jobs'],
      body: createJobBody,
      response: { 201: createdJobResponse, ...problemResponses(400, 401, 403, 413, 422) },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const body = request.body;
    if ((body.propertyIds ?? []).length === 0 && !hasRole(principal, 'admin')) {
      throw forbidden('A job with no propertyIds covers the whole portfolio and needs the admin role; name the properties to reprocess');
    }
    await checkJobBody(context, body);

    const job = await createJob(context.knex, context.temporal, context.taskQueue, {
      filters: { propertyIds: body.propertyIds ?? [], dateFrom: body.dateFrom ?? null, dateTo: body.dateTo ?? null, documentTypes: body.documentTypes ?? [], extractionStatus: body.extractionStatus ?? 'completed' },
      jobName: body.jobName ?? null,
      initiatedBy: principal.userId,
      options: body.maxConcurrency === undefined ? {} : { maxConcurrency: body.maxConcurrency },
    });
    request.log.info({ jobId: job.jobId, userId: principal.userId, totalDocuments: job.totalDocuments }, 'job started');
    return reply.code(201).header('location', `/jobs/${job.jobId}`).send({ ...job, status: 'queued' });
  });
}

interface ListJobsQuery {
  status?: string;
  initiatedBy?: string;
  limit: number;
  cursor?: string;
}

function registerListJobs(app: FastifyInstance, context: ApiContext): void {
  app.get<{ Querystring: ListJobsQuery }>('/jobs', {
    schema: {
      summary: 'List jobs, newest first',
      tags: ['jobs'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          status: { type: 'string', enum: [...JOB_STATUSES] },
          initiatedBy: { type: 'string', format: 'email', maxLength: 320, description: 'Email of the user who started the job.' },
          ...cursorQueryProperties,
        },
      },
      response: {
        200: { type: 'object', properties: { items: { type: 'array', items: { $ref: 'Job#' } }, nextCursor: { type: ['string', 'null'] } } },
        ...problemResponses(400, 401),
      },
    },
  }, async (request) => {
    const { status, initiatedBy, limit, cursor } = request.query;
    const query = jobQuery(context.knex);
    if (status) void query.where('j.status', status);
    if (initiatedBy) void query.where('u.email', initiatedBy);
    return fetchPage<JobRow, ReturnType<typeof toJobView>>(query, 'j.id', { limit, cursor }, toJobView);
  });
}

function registerGetJob(app: FastifyInstance, context: ApiContext): void {
  app.get<{ Params: { jobId: number } }>('/jobs/:jobId', {
    schema: {
      summary: 'Get a job with its live progress',
      description: 'progress comes from the workflow query while a worker runs the job; it is null for a finished job or when no worker answers, and then the job row counts are current.',
      tags: ['jobs'],
      params: idParams('jobId'),
      response: {
        200: { type: 'object', properties: { job: { $ref: 'Job#' }, progress: { anyOf: [{ $ref: 'JobProgress#' }, { type: 'null' }] }, progressSource: { type: 'string', enum: ['workflow', 'job_row'] } } },
        ...problemResponses(400, 401, 404),
      },
    },
  }, async (request) => {
    const row = await readJob(context.knex, request.params.jobId);
    if (!row) throw notFound('job', request.params.jobId);

    const progress = await liveProgress(context.temporal, row, context.progressQueryTimeoutMs ?? 2000, request.log);
    return { job: toJobView(row), progress, progressSource: progress ? 'workflow' : 'job_row' };
  });
}

export function registerJobRoutes(app: FastifyInstance, context: ApiContext): void {
  registerCreateJob(app, context);
  registerListJobs(app, context);
  registerGetJob(app, context);
}
