import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { factories } from '../helpers/factories';
import { eventually, ReportTestApp, reportEngineReady, startReportTestApp } from '../helpers/report-jobs';
import { AuthedHttp } from '../helpers/users';
import { ReportRunHooks } from '../../src/reports/report-run-hooks';
import { Report } from '../../src/reports/report.entity';

/**
 * A worker dies mid-job (closed by force, its lock no longer renewed): another worker takes the
 * stalled job over, and the report ends completed exactly once, with one set of files.
 * (In-process workers: the test runner cannot spawn a compiled worker process cheaply.)
 */
describe('report worker crash', () => {
  let t: ReportTestApp;
  /** The report is requested and followed by the facilitator of 93 (the department of the contract). */
  let facilitator: AuthedHttp;

  beforeAll(async () => {
    t = await startReportTestApp();
    const f = factories(t.ds);
    const authority = (await f.organisation()).id!;
    const holder = (await f.company()).id!;
    const structure = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id!;
    facilitator = await t.as('facilitator', structure);
    const contract = (await f.contract({ contractingAuthorityId: authority, holderId: holder })).id!;
    const person = (await f.beneficiary({ registeredById: structure })).id!;
    await f.criterion({ beneficiaryId: person });
    const a = (await f.assignment({ beneficiaryId: person, contractId: contract, employerId: holder })).id!;
    await f.statement({ assignmentId: a, contractId: contract, month: '2026-05-01', hoursX100: 8_000 });
  });
  afterAll(() => t.close());

  (reportEngineReady ? it : it.skip)('a stalled report job is taken over and completes once, with one set of files', async () => {
    const fast = { lockDuration: 1_000, stalledInterval: 300, maxStalledCount: 1, drainDelay: 0.2 };
    const hooks = t.app.get(ReportRunHooks);
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    let runs = 0;
    hooks.beforeRender = async () => {
      runs += 1;
      if (runs === 1) await firstHeld; // worker A is stuck here when it "crashes"
    };

    const workerA = t.startWorker(fast);
    const r = await facilitator.post('/api/v1/reports').send({ scope: { kind: 'department', code: '93' }, period: { month: '2026-05' } });
    expect(r.status).toBe(202);
    await eventually(async () => runs === 1, 'worker A to take the job');
    await workerA.close(true);

    t.startWorker(fast);
    const done = await eventually(async () => {
      const b = (await facilitator.get(`/api/v1/reports/${r.body.id}`)).body;
      return b.status === 'completed' && b;
    }, 'worker B to complete the stalled job');
    expect(runs).toBe(2);
    expect(done.progress).toBe(100);

    // Worker A wakes up late: its run must neither publish a second set of files nor change the report.
    releaseFirst();
    await eventually(async () => readdirSync(join(t.reportsDir, '.staging')).length === 0, 'worker A to drop its staged files');
    expect(readdirSync(t.reportsDir).sort()).toEqual(['.staging', r.body.id]);
    expect(readdirSync(join(t.reportsDir, r.body.id))).toHaveLength(4);
    const rows = await t.ds.getRepository(Report).findBy({ scopeCode: '93' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'completed', completedAt: new Date(done.completedAt) });
  });
});
