/**
 * Cancel, pause and resume: each sends its signal to the job's workflow, as
 * `npm run job -- cancel|pause|resume` does. A signal is delivered once the
 * workflow runs it, so the response is 202 and the job status changes shortly
 * after; GET /jobs/{jobId} shows it.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';

import { workflowIdFor } from '../../jobs/create-job';
import { cancelSignal, pauseSignal, resumeSignal } from '../../workflows/batch-messages';
import { principalOf } from '../auth';
import type { ApiContext } from '../context';
import { FINAL_JOB_STATUSES, readJob } from '../job-view';
import { conflict, notFound } from '../problem';
import { idParams, problemResponses } from '../schemas';

type JobSignal = 'cancel' | 'pause' | 'resume';

const SUMMARIES: Record<JobSignal, string> = {
  cancel: 'Cancel a job: no new documents start, in-flight ones finish, the job ends cancelled',
  pause: 'Pause a job: no new documents start until it is resumed',
  resume: 'Resume a paused job',
};

const acceptedResponse = {
  type: 'object',
  properties: { jobId: { type: 'integer' }, signal: { type: 'string' }, status: { type: 'string', description: 'Job status when the signal was sent.' } },
} as const;

function registerSignal(app: FastifyInstance, context: ApiContext, signal: JobSignal): void {
  const body =
    signal === 'cancel'
      ? { type: ['object', 'null'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } } }
      : undefined;

  app.post<{ Params: { jobId: number }; Body: { reason?: string } | null }>(`/jobs/:jobId/${signal}`, {
    config: { role: 'analyst' },
    schema: {
      summary: SUMMARIES[signal],
      tags: ['jobs'],
      params: idParams('jobId'),
      ...(body ? { body } : {}),
      response: { 202: acceptedResponse, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const principal = principalOf(request);
    const { jobId } = request.params;
    const row = await readJob(context.knex, jobId);
    if (!row) throw notFound('job', jobId);
    if (FINAL_JOB_STATUSES.has(row.status)) throw conflict(`Job ${jobId} has already ended with status ${row.status}`);

    const handle = context.temporal.workflow.getHandle(workflowIdFor(jobId));
    try {
      if (signal === 'cancel') await handle.signal(cancelSignal, request.body?.reason ?? `cancelled by ${principal.email} through the API`);
      if (signal === 'pause') await handle.signal(pauseSignal);
      if (signal === 'resume') await handle.signal(resumeSignal);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw conflict(`Job ${jobId} has no running workflow (status ${row.status})`);
      throw error;
    }

    request.log.info({ jobId, signal, userId: principal.userId }, 'job signal sent');
    return reply.code(202).send({ jobId, signal, status: row.status });
  });
}

export function registerJobSignalRoutes(app: FastifyInstance, context: ApiContext): void {
  for (const signal of ['cancel', 'pause', 'resume'] as const) registerSignal(app, context, signal);
}
