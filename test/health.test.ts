import { createTestApp, TestApp } from './support/test-app';

describe('health and error shape', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('answers ok with the database clock', async () => {
    const response = await t.http().get('/api/v1/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(Math.abs(Date.parse(response.body.databaseTime) - Date.now())).toBeLessThan(60_000);
  });

  it('answers unknown routes with 404 in the single error shape and a request id', async () => {
    const response = await t.http().get('/api/v1/no-such-thing').expect(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) }, requestId: expect.any(String) });
    expect(response.headers['x-request-id']).toBe(response.body.requestId);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, never 500', async () => {
    const response = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": "a').expect(400);
    expect(response.body.error.code).toBe('MALFORMED_JSON');
    expect(response.body.error.details[0]).toMatchObject({ field: 'body', rule: 'json' });
  });

  it('answers a body in another format with 415', async () => {
    const response = await t.http().post('/api/v1/auth/login').set('Content-Type', 'text/plain').send('email=a').expect(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an oversized body with 413', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.cd', password: 'x'.repeat(3 * 1024 * 1024) })
      .expect(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps a sane caller request id', async () => {
    const response = await t.http().get('/api/v1/health').set('X-Request-Id', 'trace-42').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-42');
  });
});

describe('NUL characters', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('are refused in any body field with 400 naming the field, never a 500', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'a@b.cd', fullName: 'Nul\u0000Name', password: 'long-enough-password' })
      .expect(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'fullName', rule: 'noNulCharacter' })]);
    expect((await t.counts()).users).toBe(0);
  });

  it('are refused in query strings too', async () => {
    const response = await t.http().get('/api/v1/programmes?status=open%00').expect(400);
    expect(response.body.error.details[0]).toMatchObject({ field: 'status', rule: 'noNulCharacter' });
  });
});
