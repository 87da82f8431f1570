import { factories } from '../helpers/factories';
import { eventually, ReportTestApp, reportEngineReady, startReportTestApp } from '../helpers/report-jobs';
import { Report } from '../../src/reports/report.entity';
import { jobIds } from '../../src/jobs/job-names';

const whenEngine = reportEngineReady ? it : it.skip;

describe('reports (jobs, API, storage)', () => {
  let t: ReportTestApp;
  let f: ReturnType<typeof factories>;
  let assignment: { id: string; contractId: string };

  beforeAll(async () => {
    t = await startReportTestApp();
    t.startWorker();
    f = factories(t.ds);
    const authority = (await f.organisation()).id!;
    const holder = (await f.company()).id!;
    const structure = (await f.facilitatorStructure()).id!;
    for (const dept of ['93', '75']) {
      const contract = (await f.contract({ contractingAuthorityId: authority, holderId: holder, executionDepartmentCode: dept })).id!;
      await f.insertionClause(contract, { targetMode: 'fixed', fixedHoursX100: 100_000 });
      const person = (await f.beneficiary({ registeredById: structure })).id!;
      await f.criterion({ beneficiaryId: person });
      const a = (await f.assignment({ beneficiaryId: person, contractId: contract, employerId: holder })).id!;
      await f.statement({ assignmentId: a, contractId: contract, month: '2026-03-01', hoursX100: 12_050 });
      if (dept === '93') assignment = { id: a, contractId: contract };
    }
  });
  afterAll(() => t.close());

  const report = (id: string) => t.http().get(`/api/v1/reports/${id}`);
  const completed = (id: string) =>
    eventually(async () => {
      const r = await report(id);
      if (r.body.status === 'failed') throw new Error(`report failed: ${r.body.error}`);
      return r.body.status === 'completed' && r.body;
    }, `report ${id} to complete`);

  it('refuses a bad period (400), an unknown department or region (422), an unknown report (404)', async () => {
    const scope = { kind: 'department', code: '93' };
    let r = await t.http().post('/api/v1/reports').send({ scope, period: { month: '2026-03', year: 2026 } });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([expect.objectContaining({ field: 'period' })]);
    r = await t.http().post('/api/v1/reports').send({ scope, period: { from: '2026-04-01', to: '2026-03-01' } });
    expect(r.status).toBe(400);
    r = await t.http().post('/api/v1/reports').send({ scope, period: { quarter: '2026-Q5' } });
    expect(r.status).toBe(400);
    r = await t.http().post('/api/v1/reports').send({ scope: { kind: 'department', code: '99' }, period: { month: '2026-03' } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('unknown_department');
    r = await t.http().post('/api/v1/reports').send({ scope: { kind: 'region', code: '99' }, period: { month: '2026-03' } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('unknown_region');
    expect((await report('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await report('not-a-uuid')).status).toBe(400);
    expect((await t.http().get('/api/v1/reports/00000000-0000-4000-8000-000000000000/files/pdf')).status).toBe(404);
    expect(await t.ds.getRepository(Report).count()).toBe(0);
  });

  whenEngine('a departmental report completes with its four files; the same request on unchanged data gives it back; new data makes version 2', async () => {
    const body = { scope: { kind: 'department', code: '93' }, period: { quarter: '2026-Q1' } };
    const first = await t.http().post('/api/v1/reports').send(body);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'queued', version: 1, period: { from: '2026-01-01', to: '2026-03-31' } });

    const done = await completed(first.body.id);
    expect(done.progress).toBe(100);
    expect(Object.keys(done.files).sort()).toEqual(['csv', 'json', 'pdf', 'xlsx']);

    const pdf = await t.http().get(done.files.pdf).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 4).toString()).toBe('%PDF');
    const json = await t.http().get(done.files.json);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.stringify(json.body)).not.toContain('Martin'); // no personal data
    expect((await t.http().get(done.files.csv)).headers['content-type']).toMatch(/^text\/csv/);

    const again = await t.http().post('/api/v1/reports').send(body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    await f.statement({ assignmentId: assignment.id, contractId: assignment.contractId, month: '2026-02-01', hoursX100: 700 });
    const next = await t.http().post('/api/v1/reports').send(body);
    expect(next.status).toBe(202);
    expect(next.body.id).not.toBe(first.body.id);
    expect(next.body.version).toBe(2);
    await completed(next.body.id);

    const list = await t.http().get('/api/v1/reports').query({ scopeKind: 'department', scopeCode: '93' });
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((r: { version: number }) => r.version)).toEqual([2, 1]);
  });

  whenEngine('a regional report fans out to its departments and completes', async () => {
    const r = await t.http().post('/api/v1/reports').send({ scope: { kind: 'region', code: '11' }, period: { year: 2026 } });
    expect(r.status).toBe(202);
    const done = await completed(r.body.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, error: null, scope: { kind: 'region', code: '11' } });
    const children = await t.queues.reportsQueue.getJobs(['completed']);
    const mine = children.filter((j) => j.id?.startsWith(`report.${r.body.id}.`)).map((j) => j.id!.split('.').pop());
    // One child per department of Île-de-France, plus the parent (its id ends with the run number).
    expect(mine.filter((c) => /^\d\d$/.test(c!)).sort()).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
  });

  it('a failing department fails the regional report with a clear error (the parent does not wait forever)', async () => {
    const row = await t.ds.getRepository(Report).save(
      t.ds.getRepository(Report).create({ scopeKind: 'region', scopeCode: '11', periodFrom: '2025-01-01', periodTo: '2025-12-31', dataWatermark: 'test-failing-child', version: 1 }),
    );
    const data = { reportId: row.id, scope: { kind: 'region' as const, code: '11' }, period: { from: '2025-01-01', to: '2025-12-31' }, dataWatermark: row.dataWatermark };
    // 2A is a real department, but of Corsica: the child refuses it for good.
    await t.queues.enqueueRegionReport(data, 1, reportEngineReady ? ['75', '2A'] : ['2A']);

    const failed = await eventually(async () => {
      const r = await report(row.id);
      return r.body.status === 'failed' && r.body;
    }, 'the report to fail');
    expect(failed.error).toBe('Regional report 11 failed: department 2A: department 2A is not a department of region 11');
    expect(failed.files).toEqual({});
    await eventually(async () => (await t.queues.reportsQueue.getJobState(jobIds.report(row.id, 1))) === 'failed', 'the parent job to fail');
  });
});
