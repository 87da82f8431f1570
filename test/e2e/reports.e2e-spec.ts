import { factories } from '../helpers/factories';
import { eventually, ReportTestApp, reportEngineReady, startReportTestApp } from '../helpers/report-jobs';
import { AuthedHttp } from '../helpers/users';
import { auditIdentity, systemActor } from '../../src/access/actor';
import { runWithActor } from '../../src/access/request-context';
import { inTransaction } from '../../src/database/transaction';
import { Report } from '../../src/reports/report.entity';
import { ReportsService } from '../../src/reports/reports.service';
import { jobIds } from '../../src/jobs/job-names';
import { binaryBody } from '../helpers/binary-body';

const whenEngine = reportEngineReady ? it : it.skip;

describe('reports (jobs, API, storage)', () => {
  let t: ReportTestApp;
  let f: ReturnType<typeof factories>;
  let assignment: { id: string; contractId: string };
  /** Regional staff of Île-de-France (11): requests and reads the reports of the region and its departments. */
  let regional: AuthedHttp;
  /** A facilitator structure covering 93 only. */
  let facilitator93: AuthedHttp;
  let buyer: AuthedHttp;
  let company: AuthedHttp;
  let admin: AuthedHttp;

  beforeAll(async () => {
    t = await startReportTestApp();
    t.startWorker();
    f = factories(t.ds);
    const authority = (await f.organisation()).id!;
    const holder = (await f.company()).id!;
    const structure = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id!;
    // Every organisation is created before any report is requested: organisations are part of the data watermark.
    const mission = (await f.organisation({ kind: 'regional_mission', name: 'MACS Île-de-France', regionCode: '11', departmentCodes: [] })).id!;
    regional = await t.as('regional_staff', mission);
    facilitator93 = await t.as('facilitator', structure);
    buyer = await t.as('buyer', authority);
    company = await t.as('company', holder);
    admin = await t.as('admin');
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

  /** A report row written straight to the database (its request is audited: signed as system:test). */
  const insertReport = (row: Partial<Report>) =>
    inTransaction(t.ds, auditIdentity(systemActor('test')), (m) => m.getRepository(Report).save(m.getRepository(Report).create(row)));

  const report = (id: string, as: AuthedHttp = regional) => as.get(`/api/v1/reports/${id}`);
  const completed = (id: string, as: AuthedHttp = regional) =>
    eventually(async () => {
      const r = await report(id, as);
      if (r.body.status === 'failed') throw new Error(`report failed: ${r.body.error}`);
      return r.body.status === 'completed' && r.body;
    }, `report ${id} to complete`);

  it('refuses a bad period (400), an unknown department or region (422 naming it), an unknown report (404)', async () => {
    const scope = { kind: 'department', code: '93' };
    let r = await regional.post('/api/v1/reports').send({ scope, period: { month: '2026-03', year: 2026 } });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([expect.objectContaining({ field: 'period' })]);
    r = await regional.post('/api/v1/reports').send({ scope, period: { from: '2026-04-01', to: '2026-03-01' } });
    expect(r.status).toBe(400);
    r = await regional.post('/api/v1/reports').send({ scope, period: { quarter: '2026-Q5' } });
    expect(r.status).toBe(400);
    // Territories are public reference data: an unknown code is named as such (a known one outside the caller's is a 403).
    r = await regional.post('/api/v1/reports').send({ scope: { kind: 'department', code: '99' }, period: { month: '2026-03' } });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'unknown_department', details: [{ field: 'scope.code' }] });
    r = await regional.post('/api/v1/reports').send({ scope: { kind: 'region', code: '99' }, period: { month: '2026-03' } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('unknown_region');
    // The system (the monthly scheduler) gets the same.
    const reports = t.app.get(ReportsService);
    const asSystem = (scope: { kind: 'department' | 'region'; code: string }) => runWithActor(systemActor('test'), () => reports.request(scope, { month: '2026-03' }));
    await expect(asSystem({ kind: 'department', code: '99' })).rejects.toMatchObject({ status: 422, code: 'unknown_department' });
    expect((await report('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await report('not-a-uuid')).status).toBe(400);
    expect((await regional.get('/api/v1/reports/00000000-0000-4000-8000-000000000000/files/pdf')).status).toBe(404);
    expect(await t.ds.getRepository(Report).count()).toBe(0);
  });

  whenEngine('a departmental report completes with its four files; the same request on unchanged data gives it back; new data makes version 2', async () => {
    const body = { scope: { kind: 'department', code: '93' }, period: { quarter: '2026-Q1' } };
    const first = await regional.post('/api/v1/reports').send(body);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'queued', version: 1, period: { from: '2026-01-01', to: '2026-03-31' } });

    const done = await completed(first.body.id);
    expect(done.progress).toBe(100);
    expect(Object.keys(done.files).sort()).toEqual(['csv', 'json', 'pdf', 'xlsx']);

    const pdf = await regional.get(done.files.pdf).buffer(true).parse(binaryBody);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 4).toString()).toBe('%PDF');
    const json = await regional.get(done.files.json);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.stringify(json.body)).not.toContain('Martin'); // no personal data
    expect((await regional.get(done.files.csv)).headers['content-type']).toMatch(/^text\/csv/);

    const again = await regional.post('/api/v1/reports').send(body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    await f.statement({ assignmentId: assignment.id, contractId: assignment.contractId, month: '2026-02-01', hoursX100: 700 });
    const next = await regional.post('/api/v1/reports').send(body);
    expect(next.status).toBe(202);
    expect(next.body.id).not.toBe(first.body.id);
    expect(next.body.version).toBe(2);
    await completed(next.body.id);

    const list = await regional.get('/api/v1/reports').query({ scopeKind: 'department', scopeCode: '93' });
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((r: { version: number }) => r.version)).toEqual([2, 1]);

    // The facilitator of 93 asking the same on unchanged data gets the same report back, files included.
    const fromFacilitator = await facilitator93.post('/api/v1/reports').send(body);
    expect(fromFacilitator.status).toBe(200);
    expect(fromFacilitator.body.id).toBe(next.body.id);
    expect((await facilitator93.get(fromFacilitator.body.files.json)).body).toEqual((await regional.get(fromFacilitator.body.files.json)).body);
  });

  whenEngine('a regional report fans out to its departments and completes', async () => {
    const r = await regional.post('/api/v1/reports').send({ scope: { kind: 'region', code: '11' }, period: { year: 2026 } });
    expect(r.status).toBe(202);
    const done = await completed(r.body.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, error: null, scope: { kind: 'region', code: '11' } });
    const children = await t.queues.reportsQueue.getJobs(['completed']);
    const mine = children.filter((j) => j.id?.startsWith(`report.${r.body.id}.`)).map((j) => j.id!.split('.').pop());
    // One child per department of Île-de-France, plus the parent (its id ends with the run number).
    expect(mine.filter((c) => /^\d\d$/.test(c!)).sort()).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
    // Its figures are those of the whole region, as the compliance endpoint gives them to the region's staff.
    const figures = (await regional.get(done.files.json).expect(200)).body;
    const compliance = (await regional.get('/api/v1/compliance/regions/11').query({ at: '2026-12-31' }).expect(200)).body;
    expect(figures.headline.cumulative.realisedHours).toBeGreaterThan(0);
    expect(figures.headline.cumulative.realisedHours).toBe(compliance.insertion.realisedHours);
    expect(figures.headline.cumulative.distinctBeneficiaries).toBe(compliance.insertion.distinctBeneficiaries);
  });

  it('scopes requests and reads: regional staff its region, a facilitator its departments, other roles none', async () => {
    // Anonymous callers are not let in; buyers, companies and admins have no reports.
    await t.http().get('/api/v1/reports').expect(401);
    await t.http().post('/api/v1/reports').send({ scope: { kind: 'department', code: '93' }, period: { month: '2026-03' } }).expect(401);
    for (const [who, as] of [['buyer', buyer], ['company', company], ['admin', admin]] as const) {
      const post = await as.post('/api/v1/reports').send({ scope: { kind: 'department', code: '93' }, period: { month: '2026-03' } });
      expect([who, post.status]).toEqual([who, 403]);
      expect([who, (await as.get('/api/v1/reports')).status]).toEqual([who, 403]);
    }

    // A facilitator of 93 may not request the region, nor another department.
    for (const scope of [{ kind: 'region', code: '11' }, { kind: 'department', code: '75' }]) {
      const refused = await facilitator93.post('/api/v1/reports').send({ scope, period: { month: '2026-03' } }).expect(403);
      expect(refused.body).toMatchObject({ code: 'forbidden', details: [{ field: 'scope' }] });
    }
    // Regional staff may not request another region, nor a department of another region (2A: Corsica).
    for (const scope of [{ kind: 'region', code: '84' }, { kind: 'department', code: '2A' }]) {
      const refused = await regional.post('/api/v1/reports').send({ scope, period: { month: '2026-03' } }).expect(403);
      expect(refused.body).toMatchObject({ code: 'forbidden', details: [{ field: 'scope' }] });
    }

    // The facilitator requests its department; the same request by regional staff gives the same report.
    const period = { month: '2026-03' };
    const mine = await facilitator93.post('/api/v1/reports').send({ scope: { kind: 'department', code: '93' }, period }).expect(202);
    expect((await regional.post('/api/v1/reports').send({ scope: { kind: 'department', code: '93' }, period }).expect(200)).body.id).toBe(mine.body.id);
    const paris = await regional.post('/api/v1/reports').send({ scope: { kind: 'department', code: '75' }, period }).expect(202);
    // A report of another region, as it would be requested by its own regional staff.
    const other = await insertReport({ scopeKind: 'region', scopeCode: '84', periodFrom: '2026-03-01', periodTo: '2026-03-31', dataWatermark: 'test-other-region', version: 1 });
    if (reportEngineReady) {
      await completed(mine.body.id, facilitator93);
      await completed(paris.body.id);
    }

    // Outside one's scope a report does not exist (404), nor do its files.
    expect((await report(paris.body.id, facilitator93)).status).toBe(404);
    for (const format of ['pdf', 'json']) expect((await facilitator93.get(`/api/v1/reports/${paris.body.id}/files/${format}`)).status).toBe(404);
    expect((await report(other.id)).status).toBe(404);
    expect((await report(paris.body.id)).status).toBe(200);
    if (reportEngineReady) expect((await regional.get(`/api/v1/reports/${paris.body.id}/files/json`)).status).toBe(200);

    // Lists hold only what the caller may see.
    const facilitatorList = await facilitator93.get('/api/v1/reports').query({ pageSize: 100 }).expect(200);
    const scopes = (b: { items: { scope: { kind: string; code: string } }[] }) => [...new Set(b.items.map((r) => `${r.scope.kind}:${r.scope.code}`))].sort();
    expect(scopes(facilitatorList.body)).toEqual(['department:93']);
    expect(facilitatorList.body.items.map((r: { id: string }) => r.id)).toContain(mine.body.id);
    expect((await facilitator93.get('/api/v1/reports').query({ scopeCode: '75' }).expect(200)).body.total).toBe(0);
    const regionalList = await regional.get('/api/v1/reports').query({ pageSize: 100 }).expect(200);
    expect(scopes(regionalList.body)).toEqual(reportEngineReady ? ['department:75', 'department:93', 'region:11'] : ['department:75', 'department:93']);
    const all = await t.ds.getRepository(Report).count();
    expect(regionalList.body.total).toBe(all - 1); // all but region 84's
  });

  it('a failing department fails the regional report with a clear error (the parent does not wait forever)', async () => {
    const row = await insertReport({ scopeKind: 'region', scopeCode: '11', periodFrom: '2025-01-01', periodTo: '2025-12-31', dataWatermark: 'test-failing-child', version: 1 });
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
