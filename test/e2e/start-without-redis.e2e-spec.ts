import { ConsoleLogger } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOB_NAMES } from '../../src/jobs/job-names';
import { JobQueues } from '../../src/jobs/job-queues';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { eventually, wipeQueues } from '../helpers/report-jobs';
import { AuthedHttp } from '../helpers/users';

const API = '/api/v1';

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A real Redis on `port`, with nothing written to disk. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  redis.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  await eventually(async () => output.includes('Ready to accept connections'), `redis-server on port ${port}`, 10_000);
  return redis;
}

async function stopRedis(redis: ChildProcess | undefined): Promise<void> {
  if (!redis || redis.exitCode !== null) return;
  redis.kill('SIGTERM');
  await once(redis, 'exit');
}

/**
 * `npm start` with no Redis running (issue 22 §7): the API listens and serves what needs only
 * PostgreSQL, says once what is missing and what to do, and starts its workers and schedules by
 * itself once Redis answers — here a real redis-server started on the port mid-test.
 */
describe('a start without Redis', () => {
  let t: TestApp;
  let port: number;
  let redis: ChildProcess | undefined;
  const reportsDir = mkdtempSync(join(tmpdir(), 'clausier-reports-'));
  const importsDir = mkdtempSync(join(tmpdir(), 'clausier-imports-'));
  const logs: string[] = [];
  const spies: jest.SpyInstance[] = [];
  let facilitator: AuthedHttp;
  let company: AuthedHttp;
  let assignmentId: string;

  beforeAll(async () => {
    port = await freePort();
    for (const stream of [process.stdout, process.stderr]) {
      spies.push(
        jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
          logs.push(String(chunk));
          return true;
        }),
      );
    }
    process.env.QUEUE_PREFIX = `clausier-test-noredis-${process.pid}`;
    delete process.env.REPORT_SCHEDULE_CRON;
    // NODE_ENV development: the workers run inside the API, as with `npm start`.
    t = await startTestApp(
      { NODE_ENV: 'development', REDIS_URL: `redis://127.0.0.1:${port}`, REPORTS_DIR: reportsDir, IMPORTS_DIR: importsDir },
      new ConsoleLogger({ logLevels: ['error', 'warn', 'log'] }),
    );
    const f = factories(t.ds);
    const structure = await f.facilitatorStructure({ departmentCodes: ['93'] });
    const authority = await f.organisation();
    const holder = await f.company();
    const contract = await f.contract({ contractingAuthorityId: authority.id, holderId: holder.id });
    await f.insertionClause(contract.id, { targetMode: 'fixed', fixedHoursX100: 100_000 });
    const person = await f.beneficiary({ registeredById: structure.id });
    await f.criterion({ beneficiaryId: person.id });
    assignmentId = (await f.assignment({ beneficiaryId: person.id, contractId: contract.id, employerId: holder.id })).id;
    facilitator = await t.as('facilitator', structure.id);
    company = await t.as('company', holder.id);
  });

  afterAll(async () => {
    try {
      if (redis?.exitCode === null) await wipeQueues(t.app.get(JobQueues));
      await t.close();
    } finally {
      await stopRedis(redis);
      spies.forEach((s) => s.mockRestore());
      rmSync(reportsDir, { recursive: true, force: true });
      rmSync(importsDir, { recursive: true, force: true });
    }
  });

  const count = async (table: string) => (await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const logged = (text: string) => logs.join('').split(text).length - 1;
  const requestReport = (month = '2026-03') => facilitator.post(`${API}/reports`).send({ scope: { kind: 'department', code: '93' }, period: { month } });
  const upload = () =>
    facilitator.post(`${API}/imports`).attach('file', Buffer.from(`\uFEFFaffectation;mois;heures;source\r\n${assignmentId};2026-04;10;releve_entreprise\r\n`, 'utf8'), 'releve.csv');
  const analysed = (id: string, what: string) =>
    eventually(async () => {
      const r = await facilitator.get(`${API}/imports/${id}`).expect(200);
      if (r.body.status === 'failed') throw new Error(`import failed: ${r.body.error}`);
      return r.body.status === 'analysed' && r.body;
    }, what, 20_000);

  it('listens and answers: health 503 naming Redis, sign-in, hours declared and validated', async () => {
    const health = await t.http().get('/api/health').expect(503);
    expect(health.body.context).toMatchObject({ info: { database: { status: 'up' } }, error: { redis: { status: 'down' } } });

    const admin = await t.as('admin');
    const invited = await admin.post(`${API}/users`).send({ email: 'sans-redis@x.fr', displayName: 'Sans Redis', role: 'admin' }).expect(201);
    await t.http().post(`${API}/auth/accept-invitation`).send({ token: invited.body.invitationToken, password: 'un mot de passe solide' }).expect(200);
    const login = await t.http().post(`${API}/auth/login`).send({ email: 'sans-redis@x.fr', password: 'un mot de passe solide' }).expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));

    const declared = await company.post(`${API}/hours-statements`).send({ assignmentId, month: '2026-03', hours: 120.5, source: 'company_statement' }).expect(201);
    await facilitator.post(`${API}/hours-statements/${declared.body.id}/validate`).expect(200);
  });

  it('refuses report and import requests with 503 queue_unavailable, writing nothing', async () => {
    const report = await requestReport().expect(503);
    expect(report.body).toEqual({
      statusCode: 503, code: 'queue_unavailable', details: [],
      message: expect.stringContaining('Reports and imports are unavailable until Redis answers'),
    });
    const imported = await upload().expect(503);
    expect(imported.body.code).toBe('queue_unavailable');
    expect(await count('reports')).toBe(0);
    expect(await count('imports')).toBe(0);
    expect(readdirSync(join(importsDir, 'uploads'))).toEqual([]);
  });

  it("logs Redis' absence once, with what to do, not once per retry", async () => {
    // Several seconds of retries by the workers' and the queues' connections.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(logged(`Redis does not answer at 127.0.0.1:${port}`)).toBe(1);
    expect(logs.join('')).toContain('Start Redis');
    expect(logged('ECONNREFUSED')).toBeLessThanOrEqual(1);
  });

  it('once Redis answers: health 200, schedules registered, workers running — reports and imports work without a restart', async () => {
    redis = await startRedis(port);
    await eventually(async () => (await t.http().get('/api/health')).status === 200, 'health 200', 15_000);
    const queues = t.app.get(JobQueues);
    const schedulers = await eventually(async () => {
      const found = await queues.reportsQueue.getJobSchedulers();
      return found.length === 2 && found;
    }, 'the job schedulers', 15_000);
    expect(schedulers.map((s) => s.name).sort()).toEqual([JOB_NAMES.housekeeping, JOB_NAMES.monthlyReports].sort());
    expect(logged(`Redis answers at 127.0.0.1:${port}`)).toBe(1);

    const requested = await eventually(async () => {
      const r = await requestReport();
      return r.status === 202 && r;
    }, 'a report request to be accepted', 15_000);
    await eventually(async () => {
      const r = await facilitator.get(`${API}/reports/${requested.body.id}`).expect(200);
      if (r.body.status === 'failed') throw new Error(`report failed: ${r.body.error}`);
      return r.body.status === 'completed';
    }, 'the report, by the workers started when Redis came', 20_000);
    const csvFile = await facilitator.get(`${API}/reports/${requested.body.id}/files/csv`).expect(200);
    expect(csvFile.text).toContain('120,5');

    const imp = await upload().expect(202);
    expect((await analysed(imp.body.id, 'the import dry run')).summary).toMatchObject({ create: 1, refused: 0 });
  });

  it('Redis going away again: requests refused at once, the outage logged once more; back again, work resumes', async () => {
    await stopRedis(redis);
    // Another month: the report of March exists, and is served from storage without the queue.
    await eventually(async () => (await requestReport('2026-04')).status === 503, 'report requests refused', 10_000);
    expect((await requestReport('2026-03')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(logged(`Redis does not answer at 127.0.0.1:${port}`)).toBe(2);
    redis = await startRedis(port);
    await eventually(async () => (await t.http().get('/api/health')).status === 200, 'health 200 again', 15_000);
    const upload2 = await eventually(async () => {
      const r = await upload();
      return r.status === 202 && r;
    }, 'an import accepted again', 15_000);
    await analysed(upload2.body.id, 'the import dry run after the second outage');
    expect(logged(`Redis answers at 127.0.0.1:${port}`)).toBe(2);
    // The workers' and queues' connections, retrying all along, said nothing of their own.
    expect([logged('ECONNREFUSED'), logged('Worker error'), logged('Job queue:'), logged('Error: connect')]).toEqual([expect.any(Number), 0, 0, 0]);
    expect(logged('ECONNREFUSED')).toBeLessThanOrEqual(2);
  });
});
