import { decode, sign } from 'jsonwebtoken';
import { loadConfig } from '../../src/config/app-config';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

const API = '/api/v1';

describe('accounts and sign-in', () => {
  let t: TestApp;
  let admin: AuthedHttp;
  let structureId: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await t.as('admin');
    structureId = (await factories(t.ds).facilitatorStructure({ departmentCodes: ['93'] })).id;
  });
  afterAll(async () => t.close());

  /** An admin invites; the user sets a password with the token: the whole onboarding over HTTP. */
  async function onboard(email: string, password = 'a long enough password') {
    const invited = await admin.post(`${API}/users`).send({ email, displayName: 'Claire Martin', role: 'facilitator', organisationId: structureId }).expect(201);
    expect(invited.body).toMatchObject({ email: email.toLowerCase(), role: 'facilitator', status: 'invited', invitationToken: expect.any(String) });
    const accepted = await t.http().post(`${API}/auth/accept-invitation`).send({ token: invited.body.invitationToken, password }).expect(200);
    return { id: invited.body.id as string, token: invited.body.invitationToken as string, signedIn: accepted.body };
  }
  const login = (email: string, password: string) => t.http().post(`${API}/auth/login`).send({ email, password });

  it('invites a user, who sets a password and signs in; the password is stored as Argon2id', async () => {
    const { id, token, signedIn } = await onboard('Claire.Martin@plaine-commune.fr');
    expect(signedIn).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id, role: 'facilitator', organisationId: structureId } });
    // The invitation is single-use.
    await t.http().post(`${API}/auth/accept-invitation`).send({ token, password: 'another long password' }).expect(401);

    const res = await login('claire.martin@PLAINE-commune.fr', 'a long enough password').expect(200);
    const me = await t.withToken(res.body.accessToken).get(`${API}/auth/me`).expect(200);
    expect(me.body).toMatchObject({ id, email: 'claire.martin@plaine-commune.fr', displayName: 'Claire Martin', role: 'facilitator', departmentCodes: ['93'] });
    const [{ password_hash }] = await t.ds.query(`SELECT password_hash FROM users WHERE id = $1`, [id]);
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(await t.ds.query(`SELECT * FROM users WHERE id = $1`, [id]))).not.toContain('a long enough password');
  });

  it('refuses a short password, a wrong role-organisation pair and a duplicate email, with the field', async () => {
    const invited = await admin.post(`${API}/users`).send({ email: 'short@x.fr', displayName: 'S', role: 'facilitator', organisationId: structureId }).expect(201);
    const short = await t.http().post(`${API}/auth/accept-invitation`).send({ token: invited.body.invitationToken, password: 'too short' }).expect(400);
    expect(short.body.details).toEqual([{ field: 'password', reason: 'doit faire au moins 12 caractères' }]);
    const mismatch = await admin.post(`${API}/users`).send({ email: 'b@x.fr', displayName: 'B', role: 'buyer', organisationId: structureId }).expect(422);
    expect(mismatch.body).toMatchObject({ code: 'role_organisation_mismatch', details: [{ field: 'organisationId' }] });
    const noOrg = await admin.post(`${API}/users`).send({ email: 'c@x.fr', displayName: 'C', role: 'company' }).expect(422);
    expect(noOrg.body.details[0].field).toBe('organisationId');
    const dup = await admin.post(`${API}/users`).send({ email: 'SHORT@x.fr', displayName: 'S2', role: 'admin' }).expect(409);
    expect(dup.body).toMatchObject({ code: 'duplicate', details: [{ field: 'email' }] });
  });

  it('answers a wrong password and an unknown email alike', async () => {
    await onboard('same.answer@x.fr');
    const wrong = await login('same.answer@x.fr', 'not the password').expect(401);
    const unknown = await login('nobody@x.fr', 'not the password').expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.message).toBe('Wrong email or password');
  });

  it('locks an email after 5 failures in a row (429 with Retry-After), even for the right password', async () => {
    await onboard('locked@x.fr', 'the right password');
    for (let i = 0; i < 5; i++) await login('locked@x.fr', `wrong guess ${i}`).expect(401);
    const locked = await login('locked@x.fr', 'the right password').expect(429);
    expect(locked.body.code).toBe('login_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Once the lock has passed, the right password works and resets the count.
    await t.ds.query(`UPDATE login_failures SET locked_until = now() - interval '1 second' WHERE email = 'locked@x.fr'`);
    await login('locked@x.fr', 'the right password').expect(200);
    expect(await t.ds.query(`SELECT * FROM login_failures WHERE email = 'locked@x.fr'`)).toEqual([]);
  });

  it('rotates the refresh token; replaying a used one ends the session (theft)', async () => {
    const { signedIn } = await onboard('rotate@x.fr');
    const first = await t.http().post(`${API}/auth/refresh`).send({ refreshToken: signedIn.refreshToken }).expect(200);
    expect(first.body.refreshToken).not.toBe(signedIn.refreshToken);
    await t.withToken(first.body.accessToken).get(`${API}/auth/me`).expect(200);
    // The old refresh token again: someone else has a copy. Both are now dead, and so is the access token.
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: signedIn.refreshToken }).expect(401);
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: first.body.refreshToken }).expect(401);
    await t.withToken(first.body.accessToken).get(`${API}/auth/me`).expect(401);
  });

  it('access tokens are HMAC-signed with the configured secret: a token signed with another secret, or unsigned, is refused', async () => {
    const { signedIn } = await onboard('other-secret@x.fr');
    const claims = decode(signedIn.accessToken) as { sub: string; sid: string };
    const secret = loadConfig({ NODE_ENV: 'test' }).AUTH_TOKEN_SECRET;
    // The same claims signed with the secret as a plain string: the key the service signs with is those bytes.
    await t.withToken(sign({ sub: claims.sub, sid: claims.sid }, secret, { algorithm: 'HS256', expiresIn: 60 })).get(`${API}/auth/me`).expect(200);
    const forged = await t.withToken(sign({ sub: claims.sub, sid: claims.sid }, `${secret}-not`, { algorithm: 'HS256', expiresIn: 60 })).get(`${API}/auth/me`).expect(401);
    expect(forged.body.code).toBe('unauthenticated');
    const unsigned = sign({ sub: claims.sub, sid: claims.sid }, '', { algorithm: 'none' });
    await t.withToken(unsigned).get(`${API}/auth/me`).expect(401);
  });

  it('logout revokes the session at once: access and refresh tokens stop working', async () => {
    const { signedIn } = await onboard('logout@x.fr');
    const http = t.withToken(signedIn.accessToken);
    await http.get(`${API}/auth/me`).expect(200);
    await http.post(`${API}/auth/logout`).expect(204);
    const after = await http.get(`${API}/auth/me`).expect(401);
    expect(after.body.code).toBe('unauthenticated');
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: signedIn.refreshToken }).expect(401);
  });

  it('a disabled user is signed out everywhere and cannot sign in; a new invitation lets them set a new password', async () => {
    const { id, signedIn } = await onboard('disabled@x.fr', 'first password here');
    await admin.patch(`${API}/users/${id}`).send({ disabled: true }).expect(200);
    await t.withToken(signedIn.accessToken).get(`${API}/auth/me`).expect(401);
    await login('disabled@x.fr', 'first password here').expect(401);
    const enabled = await admin.patch(`${API}/users/${id}`).send({ disabled: false }).expect(200);
    expect(enabled.body.status).toBe('active');
    // Forgotten password: a new invitation; setting a new password ends the old sessions.
    const old = await login('disabled@x.fr', 'first password here').expect(200);
    const again = await admin.post(`${API}/users/${id}/invitation`).expect(201);
    await t.http().post(`${API}/auth/accept-invitation`).send({ token: again.body.invitationToken, password: 'second password here' }).expect(200);
    await t.withToken(old.body.accessToken).get(`${API}/auth/me`).expect(401);
    await login('disabled@x.fr', 'first password here').expect(401);
    await login('disabled@x.fr', 'second password here').expect(200);
  });

  it('refuses a missing, malformed, forged or expired access token with 401', async () => {
    await t.http().get(`${API}/contracts`).expect(401);
    await t.withToken('not-a-jwt').get(`${API}/contracts`).expect(401);
    const { signedIn } = await onboard('forged@x.fr');
    const [header, payload] = signedIn.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${signedIn.accessToken.split('.')[2]}`;
    await t.withToken(forged).get(`${API}/auth/me`).expect(401);
    const expired = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '30' });
    try {
      const u = await expired.user('admin');
      await expired.withToken(u.accessToken).get(`${API}/auth/me`).expect(200);
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'], now: Date.now() + 31_000 });
      await expired.withToken(u.accessToken).get(`${API}/auth/me`).expect(401);
    } finally {
      jest.useRealTimers();
      await expired.close();
    }
  });

  it('only admins manage users', async () => {
    const facilitator = await t.as('facilitator', structureId);
    await facilitator.get(`${API}/users`).expect(403);
    const res = await facilitator.post(`${API}/users`).send({ email: 'x@y.fr', displayName: 'X', role: 'admin' }).expect(403);
    expect(res.body).toMatchObject({ code: 'forbidden', statusCode: 403 });
    const list = await admin.get(`${API}/users`).query({ organisationId: structureId }).expect(200);
    expect(list.body.items.length).toBeGreaterThan(3);
    expect(JSON.stringify(list.body)).not.toMatch(/password|invitation_?token/i);
  });
});
