import { QueryRunner } from 'typeorm';
import { IMPORTS_QUEUE } from '../../src/jobs/job-names';
import { factories } from '../helpers/factories';
import { eventually, ReportTestApp, startReportTestApp } from '../helpers/report-jobs';
import { AuthedHttp } from '../helpers/users';

const API = '/api/v1';

/**
 * DOMAIN rule 3: moving an assignment's or a contract's dates so that a month already holding declared
 * or validated hours falls wholly outside them is refused (422, naming the months) until those
 * statements are rejected or corrected; a statement for a month wholly outside the dates is refused.
 * Both hold when the two happen at once, whichever way: through the API, and through an import.
 *
 * Every contract runs 2026-01-01 .. 2026-12-31 in department 93; every assignment from 2026-01-05, open-ended.
 */
describe('rule 3: moving dates never leaves hours outside them', () => {
  let t: ReportTestApp;
  let f: ReturnType<typeof factories>;
  let authorityId: string;
  let holderId: string;
  let structureId: string;
  /** The buyer moves the contracts' dates, the facilitator the assignments' and decides on statements, the holder declares. */
  let buyer: AuthedHttp;
  let fac: AuthedHttp;
  let holder: AuthedHttp;

  beforeAll(async () => {
    t = await startReportTestApp();
    t.startWorker({}, IMPORTS_QUEUE);
    f = factories(t.ds);
    authorityId = (await f.organisation({ departmentCodes: ['93'] })).id!;
    holderId = (await f.company()).id!;
    structureId = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id!;
    buyer = await t.as('buyer', authorityId);
    fac = await t.as('facilitator', structureId);
    holder = await t.as('company', holderId);
  });
  afterAll(async () => t.close());

  /** A contract of its own, and an eligible person's assignment on it. */
  const contractWithAssignment = async (reference = `MD-${Math.random().toString(36).slice(2, 8)}`) => {
    const contractId = (await f.contract({ contractingAuthorityId: authorityId, holderId, reference })).id!;
    // Codes are upper case, as the service makes them (an import upper-cases what it reads).
    const person = await f.beneficiary({ registeredById: structureId, code: `B-${Math.random().toString(16).slice(2, 10).toUpperCase()}` });
    await f.criterion({ beneficiaryId: person.id!, validatedOn: '2025-12-01' });
    const assignment = await f.assignment({ beneficiaryId: person.id!, contractId, employerId: holderId, startDate: '2026-01-05', endDate: null });
    return { contractId, assignmentId: assignment.id!, code: person.code! };
  };
  const statement = (a: { contractId: string; assignmentId: string }, month: string, hoursX100: number, status: 'validated' | 'declared' = 'validated') =>
    f.statement({ assignmentId: a.assignmentId, contractId: a.contractId, month: `${month}-01`, hoursX100, status });
  const declare = (assignmentId: string, month: string, hours: number) => holder.post(`${API}/hours-statements`).send({ assignmentId, month, hours, source: 'company_statement' });
  const statementsOf = async (contractId: string) =>
    (await t.ds.query(`SELECT to_char(month, 'YYYY-MM') AS month, hours_x100, status FROM hours_statements WHERE contract_id = $1 ORDER BY month, declared_at`, [contractId])) as {
      month: string;
      hours_x100: number;
      status: string;
    }[];

  it('an assignment ended before months holding hours: 422 naming each of them; allowed once they are rejected or corrected to 0 h', async () => {
    const a = await contractWithAssignment();
    const june = await statement(a, '2026-06', 1_000);
    const july = await statement(a, '2026-07', 500, 'declared');
    await statement(a, '2026-09', 0); // holds no hours: never in the way
    await f.statement({ assignmentId: a.assignmentId, contractId: a.contractId, month: '2026-10-01', hoursX100: 700, status: 'rejected', rejectionReason: 'Doublon' });

    const refused = await fac.patch(`${API}/assignments/${a.assignmentId}`).send({ endDate: '2026-05-31' }).expect(422);
    expect(refused.body).toEqual({
      statusCode: 422,
      code: 'hours_after_end',
      message: '2 déclarations portent des heures en juin 2026 et juillet 2026, qui sortiraient entièrement des dates de l’affectation (du 05/01/2026 au 31/05/2026) : rejetez-les, ou corrigez-les à 0 h, d’abord',
      details: [{ field: 'endDate', reason: 'des heures sont déclarées ou validées en juin 2026 et juillet 2026, après cette date' }],
      context: { what: 'assignment', months: ['2026-06', '2026-07'], firstMonth: '2026-06', statements: 2, startDate: '2026-01-05', endDate: '2026-05-31' },
    });
    const inEnglish = await fac.patch(`${API}/assignments/${a.assignmentId}`).set('Accept-Language', 'en').send({ endDate: '2026-05-31' }).expect(422);
    expect(inEnglish.body).toMatchObject({
      message: '2 statement(s) hold hours in June 2026 and July 2026, which would fall wholly outside the assignment\'s dates (2026-01-05 to 2026-05-31): reject them, or correct them to 0 h, first',
      details: [{ field: 'endDate', reason: 'hours are declared or validated in June 2026 and July 2026, after this date' }],
    });
    expect((await fac.get(`${API}/assignments/${a.assignmentId}`).expect(200)).body.endDate).toBeNull(); // nothing written

    // Ending in July keeps June and July (July still shares days with the assignment).
    await fac.patch(`${API}/assignments/${a.assignmentId}`).send({ endDate: '2026-07-01' }).expect(200);
    await fac.post(`${API}/hours-statements/${july.id}/reject`).send({ reason: 'Heures non justifiées' }).expect(200);
    const toZero = (await holder.post(`${API}/hours-statements/${june.id}/supersede`).send({ hours: 0, source: 'payslip', reason: 'Aucune heure en juin' }).expect(201)).body;
    // Until the correction to 0 h is validated, June's 10 h still count: still refused, naming June only.
    const stillJune = await fac.patch(`${API}/assignments/${a.assignmentId}`).send({ endDate: '2026-05-31' }).expect(422);
    expect(stillJune.body).toMatchObject({ message: expect.stringMatching(/^1 déclaration porte des heures en juin 2026, qui sortirait/), context: { months: ['2026-06'] } });
    await fac.post(`${API}/hours-statements/${toZero.id}/validate`).expect(200);
    await fac.patch(`${API}/assignments/${a.assignmentId}`).send({ endDate: '2026-05-31' }).expect(200);
  });

  it('a contract ended before months holding hours of any of its assignments: 422 naming them', async () => {
    const a = await contractWithAssignment();
    const other = await f.beneficiary({ registeredById: structureId });
    const b = { contractId: a.contractId, assignmentId: (await f.assignment({ beneficiaryId: other.id!, contractId: a.contractId, employerId: holderId, startDate: '2026-02-02' })).id! };
    await statement(a, '2026-11', 1_200);
    await statement(b, '2026-12', 300, 'declared');
    const refused = await buyer.patch(`${API}/contracts/${a.contractId}`).send({ endDate: '2026-10-15' }).expect(422);
    expect(refused.body).toMatchObject({
      code: 'hours_after_end',
      message: '2 déclarations portent des heures en novembre 2026 et décembre 2026, qui sortiraient entièrement des dates du marché (du 01/01/2026 au 15/10/2026) : rejetez-les, ou corrigez-les à 0 h, d’abord',
      details: [{ field: 'endDate', reason: 'des heures sont déclarées ou validées en novembre 2026 et décembre 2026, après cette date' }],
      context: { what: 'contract', months: ['2026-11', '2026-12'], statements: 2 },
    });
    expect((await buyer.get(`${API}/contracts/${a.contractId}`).expect(200)).body.endDate).toBe('2026-12-31');
    await buyer.patch(`${API}/contracts/${a.contractId}`).send({ endDate: '2026-12-01' }).expect(200);
  });

  it('a correction of a statement for a month wholly outside the dates is refused like a new statement', async () => {
    // A statement left outside the dates, from before this rule held (written by hand).
    const a = await contractWithAssignment();
    await t.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('clausier.actor', '{"system":"test"}', true)`);
      await m.query(`UPDATE assignments SET end_date = '2026-03-31' WHERE id = $1`, [a.assignmentId]);
    });
    const april = await statement(a, '2026-04', 0);
    const res = await holder.post(`${API}/hours-statements/${april.id}/supersede`).send({ hours: 35, source: 'payslip' }).expect(422);
    expect(res.body).toMatchObject({ code: 'month_outside_assignment', details: [{ field: 'month' }] });
    expect((await statementsOf(a.contractId)).map((s) => s.status)).toEqual(['validated']);
  });

  /** A transaction of its own, signed as the test system, left open for the test to commit. */
  const openTransaction = async (): Promise<QueryRunner> => {
    const q = t.ds.createQueryRunner();
    await q.connect();
    await q.startTransaction();
    await q.query(`SELECT set_config('clausier.actor', '{"system":"test"}', true)`);
    return q;
  };
  const commit = async (q: QueryRunner) => {
    await q.commitTransaction();
    await q.release();
  };
  /** Until a session of this test's database waits for a lock: the write under test has reached the open transaction. */
  const untilBlocked = () =>
    eventually(async () => {
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      return n > 0;
    }, 'a write waiting for the open transaction');

  it('a statement declared while its contract is being shortened waits, then is refused for the month now outside', async () => {
    const a = await contractWithAssignment();
    const mover = await openTransaction();
    await mover.query(`SELECT 1 FROM contracts WHERE id = $1 FOR UPDATE`, [a.contractId]);
    await mover.query(`UPDATE contracts SET end_date = '2026-10-31' WHERE id = $1`, [a.contractId]);
    const declaring = declare(a.assignmentId, '2026-11', 20).then((r) => r); // sent now, answered once the mover commits
    await untilBlocked();
    await commit(mover);
    const res = await declaring;
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'month_outside_contract', context: { month: '2026-11', contractEnd: '2026-10-31' } });
    expect(await statementsOf(a.contractId)).toEqual([]);
  });

  it('a statement declared while its assignment is being ended waits, then is refused for the month now outside', async () => {
    const a = await contractWithAssignment();
    const mover = await openTransaction();
    await mover.query(`SELECT 1 FROM assignments WHERE id = $1 FOR UPDATE`, [a.assignmentId]);
    await mover.query(`UPDATE assignments SET end_date = '2026-08-31' WHERE id = $1`, [a.assignmentId]);
    const declaring = declare(a.assignmentId, '2026-09', 20).then((r) => r);
    await untilBlocked();
    await commit(mover);
    const res = await declaring;
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'month_outside_assignment', context: { month: '2026-09', assignmentEnd: '2026-08-31' } });
    expect(await statementsOf(a.contractId)).toEqual([]);
  });

  it('a contract shortened while a statement is being written waits, then is refused naming its month', async () => {
    const a = await contractWithAssignment();
    const writer = await openTransaction();
    await writer.query(`INSERT INTO hours_statements (assignment_id, contract_id, month, hours_x100, source) VALUES ($1, $2, '2026-12-01', 1500, 'company_statement')`, [
      a.assignmentId,
      a.contractId,
    ]);
    const moving = buyer.patch(`${API}/contracts/${a.contractId}`).send({ endDate: '2026-11-30' }).then((r) => r);
    await untilBlocked();
    await commit(writer);
    const res = await moving;
    expect(res.status).toBe(422);
    expect(res.body.context).toMatchObject({ months: ['2026-12'] });
  });

  it('an import confirmed while the contract is being shortened: the row of the month now outside is refused, the other written', async () => {
    const reference = 'MD-IMPORT-1';
    const a = await contractWithAssignment(reference);
    const csv = Buffer.from(`Code bénéficiaire;Référence du marché;Mois;Heures;Source\r\n${a.code};${reference};2026-11;20;Relevé entreprise\r\n${a.code};${reference};2026-12;30;Relevé entreprise\r\n`);
    const id = (await fac.post(`${API}/imports`).attach('file', csv, 'releve.csv').expect(202)).body.id as string;
    const status = (wanted: string[]) =>
      eventually(async () => {
        const body = (await fac.get(`${API}/imports/${id}`).expect(200)).body;
        return wanted.includes(body.status) ? body : null;
      }, `import ${id} to be ${wanted.join(' or ')}`);
    expect(await status(['analysed'])).toMatchObject({ summary: { create: 2, refused: 0 } });

    const mover = await openTransaction();
    await mover.query(`SELECT 1 FROM contracts WHERE id = $1 FOR UPDATE`, [a.contractId]);
    await mover.query(`UPDATE contracts SET end_date = '2026-11-30' WHERE id = $1`, [a.contractId]);
    await fac.post(`${API}/imports/${id}/confirm`).send({ mode: 'keep_valid' }).expect(202);
    await untilBlocked();
    await commit(mover);
    expect(await status(['completed', 'failed'])).toMatchObject({ status: 'completed', summary: { create: 1, refused: 1 } });
    expect(await statementsOf(a.contractId)).toEqual([{ month: '2026-11', hours_x100: 2000, status: 'declared' }]);
    const [refused] = (await fac.get(`${API}/imports/${id}/rows`).query({ outcome: 'refused' }).expect(200)).body.items;
    expect(refused).toMatchObject({ line: 3, errorCode: 'month_outside_contract' });
  });
});
