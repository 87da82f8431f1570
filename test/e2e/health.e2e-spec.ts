import { startTestApp, TestApp } from '../helpers/app';

describe('health and documentation', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  it('answers 200 when PostgreSQL and Redis answer', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/health');
  });

  it('answers an unknown route with the error shape', async () => {
    const res = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: expect.any(String), message: expect.any(String), details: [] });
  });
});

describe('health without Redis', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' })));
  afterAll(async () => t.close());

  it('answers 503 naming Redis as down, in the documented error shape', async () => {
    const res = await t.http().get('/api/health').expect(503);
    expect(res.body).toMatchObject({
      statusCode: 503,
      code: 'service_unavailable',
      message: 'Redis does not answer: reports and imports are unavailable, the rest of the API works',
      details: [{ field: 'redis', reason: 'no answer at 127.0.0.1:1' }],
    });
    expect(res.body.context.error).toMatchObject({ redis: { status: 'down' } });
    expect(res.body.context.info).toMatchObject({ database: { status: 'up' } });
  });
});
