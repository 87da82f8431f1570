import { randomBytes } from 'node:crypto';
import { CSRF_HEADER, REFRESH_COOKIE } from '../../src/auth/browser-session';
import { startTestApp, TestApp } from '../helpers/app';
import { browserSignIn, sessionSetCookie } from '../helpers/cookie-session';
import { factories } from '../helpers/factories';

const API = '/api/v1';
const PASSWORD = 'a long enough password';

/**
 * The web application's sign-in: the refresh token only in an httpOnly, Secure, SameSite=Strict
 * cookie, never in a body a script reads; API clients keep the JSON tokens (auth.e2e-spec.ts).
 */
describe('browser session (refresh token in a cookie)', () => {
  let t: TestApp;
  let structureId: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    structureId = (await factories(t.ds).facilitatorStructure({ departmentCodes: ['93'] })).id;
  });
  afterAll(async () => t.close());

  /** An invited facilitator: the invitation token to accept. */
  async function invite(): Promise<{ email: string; token: string }> {
    const email = `fac.${randomBytes(3).toString('hex')}@clausier.fr`;
    const invited = await (await t.as('admin')).post(`${API}/users`).send({ email, displayName: 'Claire Martin', role: 'facilitator', organisationId: structureId }).expect(201);
    return { email, token: invited.body.invitationToken };
  }
  async function member(): Promise<{ email: string }> {
    const { email, token } = await invite();
    await t.http().post(`${API}/auth/accept-invitation`).send({ token, password: PASSWORD }).expect(200);
    return { email };
  }
  const refresh = (cookie?: string) => {
    const req = t.http().post(`${API}/auth/browser/refresh`).set(CSRF_HEADER, '1');
    return cookie ? req.set('Cookie', cookie) : req;
  };

  it('signs in with the refresh token in a cookie scripts cannot read, and none in the body', async () => {
    const { email } = await member();
    const session = await browserSignIn(t, `${API}/auth/browser/login`, { email, password: PASSWORD });
    expect(session.setCookie).toMatch(new RegExp(`^${REFRESH_COOKIE}=[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43};`));
    expect(session.setCookie).toMatch(/; Path=\/api(;|$)/);
    expect(session.setCookie).toMatch(/; HttpOnly/);
    expect(session.setCookie).toMatch(/; Secure/);
    expect(session.setCookie).toMatch(/; SameSite=Strict/);
    expect(session.setCookie).toMatch(/; Max-Age=2592000/);
    expect(session.body).not.toHaveProperty('refreshToken');
    expect(JSON.stringify(session.body)).not.toContain(session.cookie.split('=')[1]);
    expect(session.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email, role: 'facilitator' } });
    await t.withToken(session.accessToken).get(`${API}/auth/me`).expect(200);
  });

  it('accepts an invitation into a browser session', async () => {
    const { email, token } = await invite();
    const session = await browserSignIn(t, `${API}/auth/browser/accept-invitation`, { token, password: PASSWORD });
    expect(session.body).not.toHaveProperty('refreshToken');
    expect(session.body).toMatchObject({ user: { email } });
    await refresh(session.cookie).expect(200);
  });

  it('refreshes from the cookie (a reload), rotating it; a replayed old cookie ends the session', async () => {
    const { email } = await member();
    const session = await browserSignIn(t, `${API}/auth/browser/login`, { email, password: PASSWORD });
    const renewed = await refresh(session.cookie).expect(200);
    expect(renewed.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    const next = sessionSetCookie(renewed.headers)!.split(';')[0];
    expect(next).not.toBe(session.cookie);
    await t.withToken(renewed.body.accessToken).get(`${API}/auth/me`).expect(200);

    // Someone replays the cookie that was rotated away: both copies stop working.
    await refresh(session.cookie).expect(401);
    await refresh(next).expect(401);
    await t.withToken(renewed.body.accessToken).get(`${API}/auth/me`).expect(401);
  });

  it('answers 401 and clears the cookie when there is no session to refresh', async () => {
    await refresh().expect(401);
    const bad = await refresh(`${REFRESH_COOKIE}=not-a-token`).expect(401);
    expect(sessionSetCookie(bad.headers)).toMatch(new RegExp(`^${REFRESH_COOKIE}=;.*Expires=Thu, 01 Jan 1970`));
  });

  it('signs out without an access token (it may have expired): the session ends at once, the cookie is cleared', async () => {
    const { email } = await member();
    const session = await browserSignIn(t, `${API}/auth/browser/login`, { email, password: PASSWORD });
    const out = await t.http().post(`${API}/auth/browser/logout`).set(CSRF_HEADER, '1').set('Cookie', session.cookie).expect(204);
    expect(sessionSetCookie(out.headers)).toMatch(new RegExp(`^${REFRESH_COOKIE}=;.*Expires=Thu, 01 Jan 1970`));
    await t.withToken(session.accessToken).get(`${API}/auth/me`).expect(401);
    await refresh(session.cookie).expect(401);
  });

  it('refuses the cookie routes without the anti-forgery header, setting or ending nothing', async () => {
    const { email } = await member();
    const forged = await t.http().post(`${API}/auth/browser/login`).send({ email, password: PASSWORD }).expect(403);
    expect(forged.body).toMatchObject({ code: 'forbidden', message: expect.stringContaining(CSRF_HEADER) });
    expect(sessionSetCookie(forged.headers)).toBeUndefined();

    const session = await browserSignIn(t, `${API}/auth/browser/login`, { email, password: PASSWORD });
    await t.http().post(`${API}/auth/browser/logout`).set('Cookie', session.cookie).expect(403);
    await t.http().post(`${API}/auth/browser/refresh`).set('Cookie', session.cookie).expect(403);
    await refresh(session.cookie).expect(200);
  });

  it('keeps the JSON tokens for API clients', async () => {
    const { email } = await member();
    const res = await t.http().post(`${API}/auth/login`).send({ email, password: PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect(sessionSetCookie(res.headers)).toBeUndefined();
  });
});
