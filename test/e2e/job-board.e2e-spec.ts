import { randomBytes } from 'node:crypto';
import { CSRF_HEADER } from '../../src/auth/browser-session';
import { JobQueues } from '../../src/jobs/job-queues';
import { wipeQueues } from '../helpers/report-jobs';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { browserSignIn } from '../helpers/cookie-session';

const BOARD = '/api/admin/queues';

describe('job board (bull-board) under the application session', () => {
  let t: TestApp;
  const password = 'board admin password';

  /** A new admin who accepted an invitation: an email and password to sign in with. */
  async function newAdmin(): Promise<{ email: string }> {
    const admin = await t.as('admin');
    const email = `ops.${randomBytes(3).toString('hex')}@clausier.fr`;
    const invited = await admin.post('/api/v1/users').send({ email, displayName: 'Ops', role: 'admin' }).expect(201);
    await t.http().post('/api/v1/auth/accept-invitation').send({ token: invited.body.invitationToken, password }).expect(200);
    return { email };
  }

  beforeAll(async () => {
    process.env.QUEUE_PREFIX = `clausier-test-${process.pid}-${randomBytes(4).toString('hex')}`;
    process.env.REPORT_SCHEDULE_CRON = 'off';
    t = await startTestApp();
  });
  afterAll(async () => {
    await wipeQueues(t.app.get(JobQueues));
    await t.close();
  });

  it('sends a person who is not signed in to the sign-in page, and answers API clients 401', async () => {
    const page = await t.http().get(BOARD).set('Accept', 'text/html').expect(303);
    expect(page.headers.location).toBe(`/connexion?retour=${encodeURIComponent(BOARD)}`);
    const api = await t.http().get(`${BOARD}/api/queues`).expect(401);
    expect(api.body).toMatchObject({ code: 'unauthenticated' });
    expect(api.headers['www-authenticate']).toBeUndefined();
  });

  it('has no second password path: an admin email and password in HTTP Basic get nothing', async () => {
    const { email } = await newAdmin();
    const basic = `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
    await t.http().get(`${BOARD}/api/queues`).set('Authorization', basic).expect(401);
  });

  it('refuses anyone but an admin, by token or by session cookie', async () => {
    const structure = await factories(t.ds).facilitatorStructure();
    const facilitator = await t.user('facilitator', structure.id);
    await t.http().get(BOARD).set('Authorization', `Bearer ${facilitator.accessToken}`).expect(403);
    const invited = await (await t.as('admin')).post('/api/v1/users')
      .send({ email: `fac.${randomBytes(3).toString('hex')}@clausier.fr`, displayName: 'Fac', role: 'facilitator', organisationId: structure.id }).expect(201);
    const session = await browserSignIn(t, '/api/v1/auth/browser/accept-invitation', { token: invited.body.invitationToken, password });
    await t.http().get(BOARD).set('Cookie', session.cookie).expect(403);
  });

  it('shows the reports queue and its jobs to an admin signed in from the browser, or by token', async () => {
    const mission = await factories(t.ds).organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] });
    const regional = await t.as('regional_staff', mission.id);
    const requested = await regional.post('/api/v1/reports').send({ scope: { kind: 'department', code: '93' }, period: { month: '2026-01' } }).expect(202);

    const { email } = await newAdmin();
    const session = await browserSignIn(t, '/api/v1/auth/browser/login', { email, password });
    const page = await t.http().get(BOARD).set('Cookie', session.cookie).set('Sec-Fetch-Site', 'none').expect(200);
    expect(page.text).toContain('<div id="root">');
    const byCookie = await t.http().get(`${BOARD}/api/queues`).query({ activeQueue: 'reports', status: 'waiting' })
      .set('Cookie', session.cookie).set('Sec-Fetch-Site', 'same-origin').expect(200);
    const reports = byCookie.body.queues.find((q: { name: string }) => q.name === 'reports');
    expect(reports.counts.waiting).toBe(1);
    expect(reports.jobs).toEqual([expect.objectContaining({ name: 'report.department', data: expect.objectContaining({ reportId: requested.body.id }) })]);

    const admin = await t.user('admin');
    await t.http().get(`${BOARD}/api/queues`).set('Authorization', `Bearer ${admin.accessToken}`).expect(200);
  });

  it('refuses the session cookie on a request sent by another site', async () => {
    const { email } = await newAdmin();
    const session = await browserSignIn(t, '/api/v1/auth/browser/login', { email, password });
    await t.http().get(`${BOARD}/api/queues`).set('Cookie', session.cookie).set('Sec-Fetch-Site', 'same-site').expect(401);
  });

  it('ends access at once when the admin signs out', async () => {
    const { email } = await newAdmin();
    const session = await browserSignIn(t, '/api/v1/auth/browser/login', { email, password });
    await t.http().get(`${BOARD}/api/queues`).set('Cookie', session.cookie).expect(200);
    await t.http().post('/api/v1/auth/browser/logout').set('Cookie', session.cookie).set(CSRF_HEADER, '1').expect(204);
    await t.http().get(`${BOARD}/api/queues`).set('Cookie', session.cookie).expect(401);

    const byToken = await t.user('admin');
    await byToken.http.post('/api/v1/auth/logout').expect(204);
    await t.http().get(`${BOARD}/api/queues`).set('Authorization', `Bearer ${byToken.accessToken}`).expect(401);
  });

  it('ends access at once when the admin account is disabled', async () => {
    const target = await newAdmin();
    const session = await browserSignIn(t, '/api/v1/auth/browser/login', { email: target.email, password });
    await t.http().get(`${BOARD}/api/queues`).set('Cookie', session.cookie).expect(200);
    const [{ id }] = (await t.ds.query(`SELECT id FROM users WHERE email = $1`, [target.email])) as { id: string }[];
    await (await t.as('admin')).patch(`/api/v1/users/${id}`).send({ disabled: true }).expect(200);
    await t.http().get(`${BOARD}/api/queues`).set('Cookie', session.cookie).expect(401);
  });
});
