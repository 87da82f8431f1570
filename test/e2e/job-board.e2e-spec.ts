import { randomBytes } from 'node:crypto';
import { JobQueues } from '../../src/jobs/job-queues';
import { wipeQueues } from '../helpers/report-jobs';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';

const BOARD = '/api/admin/queues';

describe('job board (bull-board) behind the admin sign-in', () => {
  let t: TestApp;
  const password = 'board admin password';
  let adminEmail: string;

  beforeAll(async () => {
    process.env.QUEUE_PREFIX = `clausier-test-${process.pid}-${randomBytes(4).toString('hex')}`;
    process.env.REPORT_SCHEDULE_CRON = 'off';
    t = await startTestApp();
    const admin = await t.as('admin');
    adminEmail = `ops.${randomBytes(3).toString('hex')}@clausier.fr`;
    const invited = await admin.post('/api/v1/users').send({ email: adminEmail, displayName: 'Ops', role: 'admin' }).expect(201);
    await t.http().post('/api/v1/auth/accept-invitation').send({ token: invited.body.invitationToken, password }).expect(200);
  });
  afterAll(async () => {
    await wipeQueues(t.app.get(JobQueues));
    await t.close();
  });

  const basic = (email: string, pw: string) => `Basic ${Buffer.from(`${email}:${pw}`).toString('base64')}`;

  it('asks a browser to sign in, and refuses anyone but an admin', async () => {
    const anon = await t.http().get(BOARD).expect(401);
    expect(anon.headers['www-authenticate']).toMatch(/^Basic realm="Clausier job board"/);
    expect(anon.body).toMatchObject({ code: 'unauthenticated' });
    await t.http().get(BOARD).set('Authorization', basic(adminEmail, 'wrong password!')).expect(401);
    const structure = await factories(t.ds).facilitatorStructure();
    const facilitator = await t.user('facilitator', structure.id);
    await t.http().get(BOARD).set('Authorization', `Bearer ${facilitator.accessToken}`).expect(403);
  });

  it('shows the reports queue and its jobs to an admin, by password (browser) or token', async () => {
    const mission = await factories(t.ds).organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] });
    const regional = await t.as('regional_staff', mission.id);
    const requested = await regional.post('/api/v1/reports').send({ scope: { kind: 'department', code: '93' }, period: { month: '2026-01' } }).expect(202);

    const page = await t.http().get(BOARD).set('Authorization', basic(adminEmail, password)).expect(200);
    expect(page.text).toContain('<div id="root">');
    const admin = await t.user('admin');
    const queues = await t.http().get(`${BOARD}/api/queues`).query({ activeQueue: 'reports', status: 'waiting' }).set('Authorization', `Bearer ${admin.accessToken}`).expect(200);
    const reports = queues.body.queues.find((q: { name: string }) => q.name === 'reports');
    expect(reports.counts.waiting).toBe(1);
    expect(reports.jobs).toEqual([expect.objectContaining({ name: 'report.department', data: expect.objectContaining({ reportId: requested.body.id }) })]);
  });
});
