import { incomeStatementLines, insertDocument, insertProperty, months } from '../support/factories';
import { startTestWorker, uniqueTaskQueue } from '../support/temporal';
import { openApiHarness, pointersOf, problemBody, type ApiHarness } from './api-support';

const MONTHS = months('2023-01', 14);
const FINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled'];

describe('jobs API', () => {
  let api: ApiHarness;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  const propertyIds: number[] = [];

  beforeAll(async () => {
    const taskQueue = uniqueTaskQueue('api-jobs');
    api = await openApiHarness('api_jobs', taskQueue);
    for (const code of ['API-1', 'API-2']) {
      const propertyId = await insertProperty(api.knex, code);
      propertyIds.push(propertyId);
      for (const [index, month] of MONTHS.entries()) {
        await insertDocument(api.knex, { propertyId, month, lines: incomeStatementLines(100_000_00 + (index % 3) * 500_00, 4_000_00 + (index % 4) * 100_00) });
      }
    }
    worker = await startTestWorker(api.orm, taskQueue);
  });

  afterAll(async () => {
    await worker.stop();
    await api.close();
  });

  async function getJob(jobId: number) {
    const response = await api.call('viewer', { method: 'GET', url: `/jobs/${jobId}` });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function waitFor(jobId: number, done: (view: any) => boolean) {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      const view = await getJob(jobId);
      if (done(view)) return view;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${jobId} did not reach the expected state`);
  }

  async function startJob(body: Record<string, unknown>) {
    const response = await api.call('analyst', { method: 'POST', url: '/jobs', payload: body });
    expect({ status: response.statusCode, body: response.json() }).toMatchObject({ status: 201 });
    return response.json();
  }

  test('job life cycle over HTTP: start, pause, resume, complete', async () => {
    const created = await startJob({ propertyIds, maxConcurrency: 1, jobName: 'api life cycle' });
    expect(created).toMatchObject({ jobName: 'api life cycle', totalDocuments: 28, status: 'queued', workflowId: `batch-reprocess-${created.jobId}` });

    const pause = await api.call('analyst', { method: 'POST', url: `/jobs/${created.jobId}/pause` });
    expect(pause.statusCode).toBe(202);
    const paused = await waitFor(created.jobId, (view) => view.progress?.paused === true);
    expect(paused.progressSource).toBe('workflow');
    expect(paused.job.initiatedBy).toEqual({ id: api.users.analyst.userId, email: 'analyst@example.com' });

    const resume = await api.call('analyst', { method: 'POST', url: `/jobs/${created.jobId}/resume` });
    expect(resume.statusCode).toBe(202);
    const finished = await waitFor(created.jobId, (view) => FINAL.includes(view.job.status));

    expect(finished.job.status).toBe('completed');
    expect(finished.job.counts).toEqual({ total: 28, processed: 28, succeeded: 28, failed: 0, skipped: 0 });
    expect(finished.progress).toBeNull();
    expect(finished.progressSource).toBe('job_row');
    expect(finished.job.filters).toMatchObject({ propertyIds: [...propertyIds].sort((a, b) => a - b), extractionStatus: 'completed' });
    expect(finished.job.resultsSummary).toEqual(expect.any(Object));
  });

  test('cancel of a paused job ends it cancelled with exact counts', async () => {
    const created = await startJob({ propertyIds, maxConcurrency: 1 });
    await api.call('analyst', { method: 'POST', url: `/jobs/${created.jobId}/pause` });
    await waitFor(created.jobId, (view) => view.progress?.paused === true);

    const cancel = await api.call('analyst', { method: 'POST', url: `/jobs/${created.jobId}/cancel`, payload: { reason: 'api test' } });
    expect(cancel.statusCode).toBe(202);
    expect(cancel.json()).toMatchObject({ jobId: created.jobId, signal: 'cancel' });
    const finished = await waitFor(created.jobId, (view) => FINAL.includes(view.job.status));

    expect(finished.job.status).toBe('cancelled');
    const outcomes = await api.knex('batch_job_documents').where({ job_id: created.jobId }).count<{ count: string }[]>('* as count');
    expect(finished.job.counts.processed).toBe(Number(outcomes[0]!.count));
    expect(finished.job.counts.processed).toBeLessThan(28);

    const again = await api.call('analyst', { method: 'POST', url: `/jobs/${created.jobId}/resume` });
    expect(problemBody(again, 409).detail).toContain('cancelled');
  });

  test('cancel without a body is accepted', async () => {
    const created = await startJob({ propertyIds: [propertyIds[0]!], maxConcurrency: 1 });
    const cancel = await api.call('analyst', { method: 'POST', url: `/jobs/${created.jobId}/cancel` });
    expect(cancel.statusCode).toBe(202);
    const finished = await waitFor(created.jobId, (view) => FINAL.includes(view.job.status));
    expect(['cancelled', 'completed']).toContain(finished.job.status);
  });

  test('viewer starting a job gets 403', async () => {
    const response = await api.call('viewer', { method: 'POST', url: '/jobs', payload: { propertyIds } });
    expect(problemBody(response, 403).detail).toContain('analyst');
  });

  test('analyst starting a portfolio-wide job gets 403', async () => {
    const response = await api.call('analyst', { method: 'POST', url: '/jobs', payload: { documentTypes: ['income_statement'] } });
    expect(problemBody(response, 403).detail).toContain('admin');
    const jobs = await api.knex('batch_reprocessing_jobs').where({ initiated_by: api.users.analyst.userId, property_ids: JSON.stringify([]) });
    expect(jobs).toHaveLength(0);
  });

  test('admin may start a portfolio-wide job', async () => {
    const response = await api.call('admin', { method: 'POST', url: '/jobs', payload: { dateFrom: '2099-01-01' } });
    expect(response.statusCode).toBe(201);
    const finished = await waitFor(response.json().jobId, (view) => FINAL.includes(view.job.status));
    expect(finished.job).toMatchObject({ status: 'completed', initiatedBy: { email: 'admin@example.com' }, counts: { total: 0 } });
  });

  test('malformed job body gets 400 naming each field', async () => {
    const response = await api.call('analyst', {
      method: 'POST',
      url: '/jobs',
      payload: { propertyIds: [0, 'x'], dateFrom: '2024-02-30', documentTypes: ['ledger'], extractionStatus: 'done', colour: 'red' },
    });
    const body = problemBody(response, 400);
    expect(body.type).toBe('urn:reims:problem:validation-error');
    expect(pointersOf(body)).toEqual(['/colour', '/dateFrom', '/documentTypes/0', '/extractionStatus', '/propertyIds/0', '/propertyIds/1']);
    expect(body.errors!.every((error) => error.in === 'body')).toBe(true);
  });

  test('well-formed but inconsistent job body gets 422', async () => {
    const response = await api.call('analyst', { method: 'POST', url: '/jobs', payload: { propertyIds: [propertyIds[0]!, 999_999], dateFrom: '2024-06-01', dateTo: '2024-01-01' } });
    const body = problemBody(response, 422);
    expect(pointersOf(body)).toEqual(['/dateFrom', '/propertyIds/1']);
    expect(body.errors!.find((error) => error.pointer === '/propertyIds/1')!.detail).toBe('property 999999 does not exist');
  });

  test('unknown job id gets 404', async () => {
    expect(problemBody(await api.call('viewer', { method: 'GET', url: '/jobs/2147483000' }), 404).detail).toBe('job 2147483000 does not exist');
    expect(problemBody(await api.call('analyst', { method: 'POST', url: '/jobs/2147483000/pause' }), 404).type).toBe('urn:reims:problem:not-found');
  });

  test('non-numeric job id gets 400', async () => {
    expect(pointersOf(problemBody(await api.call('viewer', { method: 'GET', url: '/jobs/abc' }), 400))).toEqual(['/jobId']);
  });

  test('oversized body gets 413', async () => {
    const response = await api.call('analyst', { method: 'POST', url: '/jobs', payload: { propertyIds, jobName: 'x'.repeat(70 * 1024) } });
    expect(problemBody(response, 413).type).toBe('urn:reims:problem:body-too-large');
  });

  test('job list pages do not overlap and filter by status and initiator', async () => {
    const inserted = await api
      .knex('batch_reprocessing_jobs')
      .insert(Array.from({ length: 5 }, (_, index) => ({ job_name: `listed ${index}`, status: 'failed', initiated_by: api.users.viewer.userId })))
      .returning<{ id: number }[]>('id');
    const ids = inserted.map((row) => row.id).sort((a, b) => b - a);

    const first = await api.call('viewer', { method: 'GET', url: '/jobs?status=failed&initiatedBy=viewer@example.com&limit=3' });
    expect(first.statusCode).toBe(200);
    const firstPage = first.json();
    const second = await api.call('viewer', { method: 'GET', url: `/jobs?status=failed&initiatedBy=viewer@example.com&limit=3&cursor=${firstPage.nextCursor}` });
    const secondPage = second.json();

    expect(firstPage.items.map((job: { id: number }) => job.id)).toEqual(ids.slice(0, 3));
    expect(secondPage.items.map((job: { id: number }) => job.id)).toEqual(ids.slice(3));
    expect(secondPage.nextCursor).toBeNull();
    expect(firstPage.items[0].initiatedBy.email).toBe('viewer@example.com');
  });

  test('job list limit above 100 gets 400', async () => {
    const body = problemBody(await api.call('viewer', { method: 'GET', url: '/jobs?limit=101' }), 400);
    expect(body.errors).toEqual([{ in: 'querystring', pointer: '/limit', detail: 'must be <= 100' }]);
  });

  test('job list with a forged cursor gets 400', async () => {
    expect(pointersOf(problemBody(await api.call('viewer', { method: 'GET', url: '/jobs?cursor=bm90LWFuLWlk' }), 400))).toEqual(['/cursor']);
  });
});
