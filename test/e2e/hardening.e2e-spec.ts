import { ConsoleLogger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';

const API = '/api/v1';

describe('hardening: headers, body size, CORS, rate limits, error bodies, logs', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '8', LOGIN_RATE_LIMIT_PER_MINUTE: '3' })));
  afterAll(async () => t.close());

  it('sends security headers', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses a body over 1 MB with 413 and the error shape, and bad JSON with 400', async () => {
    const big = await t.http().post(`${API}/auth/login`).set('content-type', 'application/json').send(`{"email":"${'a'.repeat(1_100_000)}"}`).expect(413);
    expect(big.body).toEqual({ statusCode: 413, code: 'payload_too_large', message: expect.stringContaining('1 Mo'), details: [] });
    const bad = await t.http().post(`${API}/auth/login`).set('content-type', 'application/json').send('{"email":').expect(400);
    expect(bad.body).toEqual({ statusCode: 400, code: 'invalid_input', message: 'body : n’est pas du JSON valide', details: [{ field: 'body', reason: 'n’est pas du JSON valide' }] });
    expect(JSON.stringify(bad.body)).not.toMatch(/\bat \S+\.js|node_modules|stack/);
  });

  it('keeps CORS closed unless origins are configured, then allows exactly those', async () => {
    const closed = await t.http().options(`${API}/contracts`).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
    const open = await startTestApp({ CORS_ORIGINS: 'https://clausier.example.fr' });
    try {
      const allowed = await open.http().options(`${API}/contracts`).set('Origin', 'https://clausier.example.fr').set('Access-Control-Request-Method', 'GET');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://clausier.example.fr');
      const other = await open.http().options(`${API}/contracts`).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('limits requests per signed-in user (another user is not affected), and sign-in attempts per address', async () => {
    const structure = await factories(t.ds).facilitatorStructure();
    const busy = await t.as('facilitator', structure.id);
    const other = await t.as('facilitator', structure.id);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await busy.get(`${API}/regions`)).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses.slice(8)).toEqual([429, 429]);
    const limited = await busy.get(`${API}/regions`).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'too_many_requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await other.get(`${API}/regions`).expect(200);

    const logins: number[] = [];
    for (let i = 0; i < 4; i++) logins.push((await t.http().post(`${API}/auth/login`).send({ email: `x${i}@y.fr`, password: 'whatever it is' })).status);
    expect(logins).toEqual([401, 401, 401, 429]);
  });

  it('never writes a secret, password or token to the logs, even when a request fails on the server side', async () => {
    const secrets = {
      AUTH_TOKEN_SECRET: randomBytes(24).toString('hex'),
      IDENTITY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PSEUDONYM_SECRET: randomBytes(16).toString('hex'),
    };
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
    const spies = [capture(process.stdout), capture(process.stderr)];
    // Redis unreachable: requesting a report fails on the server side and is logged.
    const app = await startTestApp({ ...secrets, REDIS_URL: 'redis://127.0.0.1:1', NODE_ENV: 'test' }, new ConsoleLogger({ logLevels: ['error', 'warn'] }));
    try {
      const admin = await app.user('admin');
      const invited = await admin.http.post(`${API}/users`).send({ email: 'logs@x.fr', displayName: 'L', role: 'admin' }).expect(201);
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const signedIn = await app.http().post(`${API}/auth/accept-invitation`).send({ token: invited.body.invitationToken, password }).expect(200);
      await app.http().post(`${API}/auth/login`).send({ email: 'logs@x.fr', password: `${password}-wrong` }).expect(401);
      const mission = await factories(app.ds).organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] });
      const regional = await app.as('regional_staff', mission.id);
      const failed = await regional.post(`${API}/reports`).send({ scope: { kind: 'region', code: '11' }, period: { month: '2026-01' } });
      expect(failed.status).toBe(503);
      expect(JSON.stringify(failed.body)).not.toMatch(/\bat \S+\.js|node_modules|ECONNREFUSED/);
      expect(written.join('')).toContain('Redis does not answer at 127.0.0.1:1'); // the cause was logged, for the operators
      const logs = written.join('');
      for (const s of [...Object.values(secrets), password, signedIn.body.accessToken, signedIn.body.refreshToken, invited.body.invitationToken, admin.accessToken]) {
        expect(logs).not.toContain(s);
      }
    } finally {
      spies.forEach((s) => s.mockRestore());
      await app.close();
    }
  });
});
