import { uniqueTaskQueue } from '../support/temporal';
import { incomeStatementLines, insertDocument, insertProperty } from '../support/factories';
import { openApiHarness, pointersOf, problemBody, type ApiHarness } from './api-support';

describe('detections API', () => {
  let api: ApiHarness;
  let propertyId: number;
  let otherPropertyId: number;
  let documentId: number;
  const detectionIds: number[] = [];

  async function insertDetection(values: Record<string, unknown>): Promise<number> {
    const [row] = await api
      .knex('anomaly_detections')
      .insert({ document_upload_id: documentId, property_id: propertyId, severity: 'high', anomaly_type: 'robust_zscore_outlier', detector: 'history.robust_zscore', account_code: '5210-0000', period: '2024-01-31', actual_value: '40000.00', expected_value: '4100.00', score: 7.5, ...values })
      .returning<{ id: number }[]>('id');
    return row!.id;
  }

  beforeAll(async () => {
    api = await openApiHarness('api_detections', uniqueTaskQueue('api-detections'));
    propertyId = await insertProperty(api.knex, 'DET-1');
    otherPropertyId = await insertProperty(api.knex, 'DET-2');
    documentId = await insertDocument(api.knex, { propertyId, month: '2024-01', lines: incomeStatementLines(100_000_00, 4_000_00) });
    for (const period of ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']) detectionIds.push(await insertDetection({ period }));
    await insertDetection({ property_id: otherPropertyId, severity: 'low' });
  });

  afterAll(async () => {
    await api.close();
  });

  test('feedback stores every column and confirms the detection', async () => {
    const detectionId = detectionIds[0]!;
    const response = await api.call('analyst', {
      method: 'POST',
      url: `/detections/${detectionId}/feedback`,
      payload: { verdict: 'true_positive', notes: 'Roof repair booked twice', feedbackConfidence: 0.85, businessContext: 'Invoice 7781 entered in January and February' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().detection).toMatchObject({ id: detectionId, status: 'confirmed' });

    const row = await api.knex('anomaly_feedback').where({ anomaly_detection_id: detectionId }).first();
    expect(row).toMatchObject({
      user_id: api.users.analyst.userId,
      verdict: 'true_positive',
      notes: 'Roof repair booked twice',
      feedback_confidence: '0.8500',
      business_context: 'Invoice 7781 entered in January and February',
      learned_applied: false,
      similar_anomalies_suppressed: 0,
    });
    expect((await api.knex('anomaly_detections').where({ id: detectionId }).first()).status).toBe('confirmed');
  });

  test('feedback expected_change dismisses and defaults confidence to 1', async () => {
    const detectionId = detectionIds[1]!;
    const response = await api.call('analyst', { method: 'POST', url: `/detections/${detectionId}/feedback`, payload: { verdict: 'expected_change' } });
    expect(response.statusCode).toBe(201);
    expect(response.json().feedback).toMatchObject({ verdict: 'expected_change', feedbackConfidence: '1.0000', notes: null, businessContext: null });
    expect((await api.knex('anomaly_detections').where({ id: detectionId }).first()).status).toBe('dismissed');

    const detail = (await api.call('viewer', { method: 'GET', url: `/detections/${detectionId}` })).json();
    expect(detail.detection.status).toBe('dismissed');
    expect(detail.feedback).toHaveLength(1);
  });

  test('feedback false_positive dismisses the detection', async () => {
    const response = await api.call('admin', { method: 'POST', url: `/detections/${detectionIds[2]!}/feedback`, payload: { verdict: 'false_positive', feedbackConfidence: 0.5 } });
    expect(response.json().detection.status).toBe('dismissed');
  });

  test('viewer giving feedback gets 403 and nothing is written', async () => {
    const response = await api.call('viewer', { method: 'POST', url: `/detections/${detectionIds[3]!}/feedback`, payload: { verdict: 'true_positive' } });
    problemBody(response, 403);
    expect(await api.knex('anomaly_feedback').where({ anomaly_detection_id: detectionIds[3]! })).toHaveLength(0);
    expect((await api.knex('anomaly_detections').where({ id: detectionIds[3]! }).first()).status).toBe('open');
  });

  test('feedback with bad fields gets 400 naming each one', async () => {
    const response = await api.call('analyst', { method: 'POST', url: `/detections/${detectionIds[3]!}/feedback`, payload: { verdict: 'maybe', feedbackConfidence: 1.5, mood: 'sure' } });
    const body = problemBody(response, 400);
    expect(pointersOf(body)).toEqual(['/feedbackConfidence', '/mood', '/verdict']);
    expect(body.errors!.find((error) => error.pointer === '/verdict')!.detail).toBe('must be one of true_positive, false_positive, expected_change');
  });

  test('feedback without a verdict gets 400 naming verdict', async () => {
    const body = problemBody(await api.call('analyst', { method: 'POST', url: `/detections/${detectionIds[3]!}/feedback`, payload: { notes: 'x' } }), 400);
    expect(body.errors).toEqual([{ in: 'body', pointer: '/verdict', detail: "must have required property 'verdict'" }]);
  });

  test('feedback on an unknown detection gets 404', async () => {
    const response = await api.call('analyst', { method: 'POST', url: '/detections/2147483000/feedback', payload: { verdict: 'true_positive' } });
    expect(problemBody(response, 404).detail).toBe('detection 2147483000 does not exist');
  });

  test('detection list pages do not overlap', async () => {
    const first = (await api.call('viewer', { method: 'GET', url: `/detections?propertyId=${propertyId}&limit=3` })).json();
    const second = (await api.call('viewer', { method: 'GET', url: `/detections?propertyId=${propertyId}&limit=3&cursor=${first.nextCursor}` })).json();

    const expected = [...detectionIds].sort((a, b) => b - a);
    expect(first.items.map((item: { id: number }) => item.id)).toEqual(expected.slice(0, 3));
    expect(second.items.map((item: { id: number }) => item.id)).toEqual(expected.slice(3));
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]).toMatchObject({ propertyId, documentId, accountCode: '5210-0000', actualValue: '40000.00', expectedValue: '4100.00', score: 7.5 });
  });

  test('detection list filters by period, severity, status and document', async () => {
    const byPeriod = (await api.call('viewer', { method: 'GET', url: `/detections?propertyId=${propertyId}&periodFrom=2024-02-01&periodTo=2024-03-31` })).json();
    expect(byPeriod.items.map((item: { period: string }) => item.period).sort()).toEqual(['2024-02-29', '2024-03-31']);

    const low = (await api.call('viewer', { method: 'GET', url: '/detections?severity=low&severity=critical' })).json();
    expect(low.items.map((item: { propertyId: number }) => item.propertyId)).toEqual([otherPropertyId]);

    const confirmed = (await api.call('viewer', { method: 'GET', url: `/detections?status=confirmed&documentId=${documentId}` })).json();
    expect(confirmed.items.map((item: { id: number }) => item.id)).toEqual([detectionIds[0]]);
  });

  test('detection list with bad filters gets 400 or 422', async () => {
    const malformed = problemBody(await api.call('viewer', { method: 'GET', url: '/detections?severity=huge&limit=0&periodFrom=January' }), 400);
    expect(pointersOf(malformed)).toEqual(['/limit', '/periodFrom', '/severity/0']);
    const reversed = problemBody(await api.call('viewer', { method: 'GET', url: '/detections?periodFrom=2024-05-01&periodTo=2024-01-01' }), 422);
    expect(pointersOf(reversed)).toEqual(['/periodFrom']);
  });
});
