import { uniqueTaskQueue } from '../support/temporal';
import { hashApiKey } from '../../api/api-keys';
import { openApiHarness, pointersOf, problemBody, type ApiHarness } from './api-support';

describe('API access', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await openApiHarness('api_access', uniqueTaskQueue('api-access'));
  });

  afterAll(async () => {
    await api.close();
  });

  test('request without a key gets 401', async () => {
    const response = await api.call('anonymous', { method: 'GET', url: '/jobs' });
    expect(problemBody(response, 401).type).toBe('urn:reims:problem:unauthenticated');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="reims"');
  });

  test('request with a wrong key gets 401', async () => {
    const wrongSecret = api.users.admin.key.slice(0, -4) + 'AAAA';
    for (const key of [wrongSecret, 'reims_000000000000_' + 'A'.repeat(43), 'not-a-key']) {
      const response = await api.call('anonymous', { method: 'GET', url: '/jobs', headers: { authorization: `Bearer ${key}` } });
      expect({ key, status: response.statusCode }).toEqual({ key, status: 401 });
    }
  });

  test('keys are stored only as SHA-256 hashes', async () => {
    const row = await api.knex('api_keys').where({ id: api.users.viewer.keyId }).first();
    expect(row.key_hash).toBe(hashApiKey(api.users.viewer.key));
    expect(JSON.stringify(row)).not.toContain(api.users.viewer.key.split('_')[2]);
  });

  test('health and OpenAPI document need no key', async () => {
    expect((await api.call('anonymous', { method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const document = (await api.call('anonymous', { method: 'GET', url: '/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/jobs', '/jobs/{jobId}', '/jobs/{jobId}/cancel', '/jobs/{jobId}/pause', '/jobs/{jobId}/resume', '/detections', '/detections/{detectionId}/feedback', '/api-keys']));
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'Job', 'Detection', 'Feedback']));
    expect(document.paths['/jobs'].post.requestBody.content['application/json'].schema.properties.propertyIds.maxItems).toBe(1000);
  });

  test('admin creates, lists and revokes a key', async () => {
    const created = await api.call('admin', { method: 'POST', url: '/api-keys', payload: { email: 'new.analyst@example.com', role: 'analyst', label: 'laptop' } });
    expect(created.statusCode).toBe(201);
    const { id, key, keyPrefix } = created.json();
    expect(key).toMatch(new RegExp(`^reims_${keyPrefix}_`));

    const asNewUser = await api.call('anonymous', { method: 'GET', url: '/jobs', headers: { authorization: `Bearer ${key}` } });
    expect(asNewUser.statusCode).toBe(200);

    const listed = (await api.call('admin', { method: 'GET', url: '/api-keys' })).json();
    const entry = listed.items.find((item: { id: number }) => item.id === id);
    expect(entry).toMatchObject({ keyPrefix, email: 'new.analyst@example.com', role: 'analyst', label: 'laptop', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key);

    expect((await api.call('admin', { method: 'DELETE', url: `/api-keys/${id}` })).statusCode).toBe(204);
    const revoked = await api.call('anonymous', { method: 'GET', url: '/jobs', headers: { authorization: `Bearer ${key}` } });
    expect(problemBody(revoked, 401).detail).toContain('revoked');
  });

  test('analyst managing keys gets 403', async () => {
    expect(problemBody(await api.call('analyst', { method: 'GET', url: '/api-keys' }), 403).detail).toContain('admin');
    expect(problemBody(await api.call('analyst', { method: 'POST', url: '/api-keys', payload: { email: 'x@example.com', role: 'admin' } }), 403).type).toBe('urn:reims:problem:forbidden');
  });

  test('key creation with bad fields gets 400 naming them', async () => {
    const body = problemBody(await api.call('admin', { method: 'POST', url: '/api-keys', payload: { email: 'not-an-email', role: 'owner' } }), 400);
    expect(pointersOf(body)).toEqual(['/email', '/role']);
  });

  test('revoking an unknown key gets 404', async () => {
    expect(problemBody(await api.call('admin', { method: 'DELETE', url: '/api-keys/2147483000' }), 404).detail).toBe('API key 2147483000 does not exist');
  });

  test('unknown route gets a 404 problem', async () => {
    expect(problemBody(await api.call('viewer', { method: 'GET', url: '/nothing-here' }), 404).detail).toContain('/nothing-here');
  });

  test('body that is not JSON gets 400 and other media types 415', async () => {
    const malformed = await api.call('admin', { method: 'POST', url: '/api-keys', payload: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(problemBody(malformed, 400).type).toBe('urn:reims:problem:malformed-body');
    const text = await api.call('admin', { method: 'POST', url: '/api-keys', payload: 'email=a', headers: { 'content-type': 'text/csv' } });
    expect(problemBody(text, 415).type).toBe('urn:reims:problem:unsupported-media-type');
  });
});
