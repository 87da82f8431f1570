import { randomUUID } from 'node:crypto';
import { IdempotencyService } from '../../src/common/idempotency/idempotency.service';
import { JOB_NAMES, jobIds } from '../../src/jobs/job-names';
import { factories } from '../helpers/factories';
import { eventually, ReportTestApp, startReportTestApp } from '../helpers/report-jobs';

const STATEMENTS = '/api/v1/hours-statements';

/**
 * The scheduled housekeeping, run by a real worker from the real queue: idempotency keys past their
 * retention (24 h by default) and sessions ended over 30 days ago are deleted; everything younger,
 * and every live session, stays.
 */
describe('housekeeping job (e2e)', () => {
  let t: ReportTestApp;

  beforeAll(async () => {
    // Not the default, so the schedule test shows the setting is the one used; and a time no test
    // run meets (29 February, 03:07), so the scheduled run never competes with the ones started here.
    process.env.HOUSEKEEPING_CRON = '7 3 29 2 *';
    t = await startReportTestApp();
    // As `npm start` does: a worker per queue, and the schedules installed.
    await t.workers.start();
  });
  afterAll(async () => {
    await t.close();
    delete process.env.HOUSEKEEPING_CRON;
  });

  async function runHousekeeping(): Promise<{ idempotencyKeys: number; sessions: number }> {
    const job = await t.queues.reportsQueue.add(JOB_NAMES.housekeeping, {});
    return eventually(async () => {
      const state = await job.getState();
      if (state === 'failed') throw new Error(`housekeeping failed: ${(await t.queues.reportsQueue.getJob(job.id!))?.failedReason}`);
      return state === 'completed' ? ((await t.queues.reportsQueue.getJob(job.id!))!.returnvalue as { idempotencyKeys: number; sessions: number }) : null;
    }, 'the housekeeping job');
  }

  it('forgets idempotency keys older than a day: a retry then is a new request, a younger key still replays', async () => {
    const f = factories(t.ds);
    const companyId = (await f.company()).id as string;
    const company = await t.as('company', companyId);
    const contract = await f.contract({ contractingAuthorityId: (await f.organisation()).id as string, holderId: companyId, startDate: '2026-01-01', endDate: '2026-12-31' });
    const beneficiary = await f.beneficiary({ registeredById: (await f.facilitatorStructure()).id as string });
    const a = await f.assignment({ beneficiaryId: beneficiary.id as string, contractId: contract.id as string, employerId: companyId });
    const declare = (key: string, month: string, hours: number) =>
      company.post(STATEMENTS).set('Idempotency-Key', key).send({ assignmentId: a.id, month, hours, source: 'company_statement' });

    const [oldKey, youngKey] = [randomUUID(), randomUUID()];
    expect((await declare(oldKey, '2026-03', 70)).status).toBe(201);
    expect((await declare(youngKey, '2026-04', 80)).status).toBe(201);
    // The first one was sent 25 hours ago.
    await t.ds.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [oldKey]);

    expect(await runHousekeeping()).toMatchObject({ idempotencyKeys: 1 });

    const keys = (await t.ds.query(`SELECT key FROM idempotency_keys WHERE key = ANY($1)`, [[oldKey, youngKey]])) as { key: string }[];
    expect(keys.map((k) => k.key)).toEqual([youngKey]);
    const replay = await declare(youngKey, '2026-04', 80);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // The old key with another body is no longer "reused": it is a new request, and the statement rules
    // refuse it (the month is declared already), so the hours are still counted once.
    const late = await declare(oldKey, '2026-03', 75);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('statement_exists');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM hours_statements WHERE assignment_id = $1`, [a.id]);
    expect(n).toBe(2);
  });

  it('deletes sessions ended over 30 days ago and keeps the live ones and the recently ended', async () => {
    const user = await t.user('admin');
    const sessions = (kind: string) => `(SELECT id FROM sessions WHERE refresh_token_hash = '${kind.padEnd(64, '0')}')`;
    // Beside the live session of `user`: one expired 40 days ago, one signed out 31 days ago, one expired 10 days ago.
    await t.ds.query(
      `INSERT INTO sessions (user_id, refresh_token_hash, expires_at, revoked_at, created_at) VALUES
         ($1, rpad('expired40', 64, '0'), now() - interval '40 days', NULL, now() - interval '70 days'),
         ($1, rpad('revoked31', 64, '0'), now() + interval '5 days', now() - interval '31 days', now() - interval '35 days'),
         ($1, rpad('expired10', 64, '0'), now() - interval '10 days', NULL, now() - interval '40 days')`,
      [user.id],
    );

    expect(await runHousekeeping()).toMatchObject({ sessions: 2 });

    const left = (await t.ds.query(`SELECT id FROM sessions WHERE id IN (${sessions('expired40')}, ${sessions('revoked31')}, ${sessions('expired10')})`)) as unknown[];
    expect(left).toHaveLength(1);
    // The user's live session still signs their requests.
    await user.http.get('/api/v1/users').expect(200);
  });

  it('is scheduled by HOUSEKEEPING_CRON when the workers start', async () => {
    expect(await t.queues.reportsQueue.getJobScheduler(jobIds.housekeepingScheduler)).toMatchObject({ pattern: '7 3 29 2 *', tz: 'UTC', name: JOB_NAMES.housekeeping });
    // REPORT_SCHEDULE_CRON is off in tests: that scheduler is not there.
    expect(await t.queues.reportsQueue.getJobScheduler(jobIds.monthlyScheduler)).toBeUndefined();
  });

  it('a key deleted between the claim that met it and the read of its answer makes the transaction run again, not a 500', async () => {
    const idempotency = t.app.get(IdempotencyService);
    const gone = { scope: 'POST /hours-statements as nobody', key: randomUUID(), hash: '0'.repeat(64) };
    await expect(t.ds.transaction((m) => idempotency.replay(m, gone))).rejects.toMatchObject({ code: '40001' });
  });
});
