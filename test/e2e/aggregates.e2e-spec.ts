import { DataSource, QueryRunner } from 'typeorm';
import { eligibilityRuleSql, eligibleCriteriaSql } from '../../src/assignments/eligibility.sql';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';
import { SME_SIZES } from '../../src/organisations/organisation.entity';

const API = '/api/v1';

/** DOMAIN rule 3: what a declared statement `s` adds to pending; a correction, its difference with the statement `replaced`. */
const PENDING_HOURS = `s.hours_x100 - coalesce(replaced.hours_x100, 0)`;

/**
 * The pre-summed figures (contract_month_totals with its non-eligible part, assignment_first_months
 * with its flag and profile, assignments.eligible, contract_month_activity) must always equal what the
 * raw rows say. Each step below writes through the API, then the whole of each aggregate is compared
 * with its recomputation from the raw rows (statements, criteria, monthly figures, payments).
 */
async function aggregatesDrift(ds: DataSource): Promise<Record<string, unknown[]>> {
  const totals = await ds.query(`
    WITH raw AS (
      SELECT s.contract_id, s.month, coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated'), 0) AS validated,
             coalesce(sum(${PENDING_HOURS}) FILTER (WHERE s.status = 'declared'), 0) AS declared,
             coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated' AND NOT ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')}), 0) AS not_eligible
        FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id LEFT JOIN hours_statements replaced ON replaced.id = s.supersedes_id
       GROUP BY 1, 2)
    SELECT coalesce(r.contract_id, t.contract_id) AS contract_id, coalesce(r.month, t.month) AS month, r.validated, t.validated_x100, r.declared, t.declared_x100,
           r.not_eligible, t.not_eligible_x100
      FROM raw r FULL JOIN contract_month_totals t ON t.contract_id = r.contract_id AND t.month = r.month
     WHERE coalesce(r.validated, 0) <> coalesce(t.validated_x100, 0) OR coalesce(r.declared, 0) <> coalesce(t.declared_x100, 0)
        OR coalesce(r.not_eligible, 0) <> coalesce(t.not_eligible_x100, 0)`);
  const firstMonths = await ds.query(`
    WITH raw AS (SELECT s.assignment_id, min(s.month) AS first FROM hours_statements s WHERE s.status = 'validated' GROUP BY 1)
    SELECT coalesce(r.assignment_id, f.assignment_id) AS assignment_id, r.first, f.first_month
      FROM raw r FULL JOIN assignment_first_months f ON f.assignment_id = r.assignment_id
     WHERE r.first IS DISTINCT FROM f.first_month`);
  // The copies in each first-month row: person, flag and the profile the reports count by.
  const profiles = await ds.query(`
    SELECT f.assignment_id FROM assignment_first_months f JOIN assignments a ON a.id = f.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
     WHERE (f.person_key, f.contract_id, f.eligible, f.start_date, f.modality, f.exit_outcome, f.sex, f.birth_year, f.qpv_resident, f.criteria)
           IS DISTINCT FROM (b.person_key, a.contract_id, a.eligible, a.start_date, a.modality, a.exit_outcome, b.sex, b.birth_year, b.qpv_resident, ${eligibleCriteriaSql('a')})`);
  const eligibility = await ds.query(`
    SELECT a.id, a.eligible FROM assignments a WHERE a.eligible IS DISTINCT FROM ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')}`);
  // The holder's monthly figures and what SMEs executed (DOMAIN rule 10, by the companies' sizes now), month by month:
  // a payment to an SME from a payer that is not one; for a holder that is an SME, its invoices less its payments to non-SMEs.
  const sme = (o: string) => `coalesce(${o}.size = ANY($1::text[]), false)`;
  const activity = await ds.query(`
    WITH raw AS (
      SELECT contract_id, month, sum(hours) AS hours, sum(invoiced) AS invoiced, sum(confirmed) AS confirmed, sum(declared) AS declared FROM (
        SELECT contract_id, month, hours_x100 AS hours, 0 AS invoiced, 0 AS confirmed, 0 AS declared FROM contract_monthly_hours
        UNION ALL SELECT i.contract_id, i.month, 0, i.amount_cents, CASE WHEN ${sme('h')} THEN i.amount_cents ELSE 0 END, 0
                    FROM contract_invoiced_amounts i JOIN contracts k ON k.id = i.contract_id JOIN organisations h ON h.id = k.holder_id
        UNION ALL SELECT p.contract_id, p.month, 0, 0, CASE p.status WHEN 'confirmed' THEN p.amount_cents * x.counted ELSE 0 END,
                         CASE p.status WHEN 'declared' THEN p.amount_cents * x.counted ELSE 0 END
                    FROM payments p JOIN contracts k ON k.id = p.contract_id
                    JOIN organisations payer ON payer.id = p.payer_id JOIN organisations payee ON payee.id = p.payee_id
                    CROSS JOIN LATERAL (SELECT CASE WHEN ${sme('payee')} AND NOT ${sme('payer')} THEN 1
                                                    WHEN p.payer_id = k.holder_id AND ${sme('payer')} AND NOT ${sme('payee')} THEN -1 ELSE 0 END AS counted) x) x
       GROUP BY 1, 2)
    SELECT coalesce(r.contract_id, a.contract_id) AS contract_id, coalesce(r.month, a.month) AS month, r.hours, a.contract_hours_x100,
           r.invoiced, a.invoiced_cents, r.confirmed, a.sme_confirmed_cents, r.declared, a.sme_declared_cents
      FROM raw r FULL JOIN contract_month_activity a ON a.contract_id = r.contract_id AND a.month = r.month
     WHERE (coalesce(r.hours, 0), coalesce(r.invoiced, 0), coalesce(r.confirmed, 0), coalesce(r.declared, 0))
           <> (coalesce(a.contract_hours_x100, 0), coalesce(a.invoiced_cents, 0), coalesce(a.sme_confirmed_cents, 0), coalesce(a.sme_declared_cents, 0))`,
    [[...SME_SIZES]],
  );
  return { totals, firstMonths, profiles, eligibility, activity };
}

const NO_DRIFT = { totals: [], firstMonths: [], profiles: [], eligibility: [], activity: [] };

describe('pre-aggregated figures equal the raw statements', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  let fac: AuthedHttp;
  let company: AuthedHttp;
  let regional: AuthedHttp;
  let structureId: string;
  let contractId: string;
  let companyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = factories(t.ds);
    structureId = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id;
    const authority = await f.organisation({ departmentCodes: ['93'] });
    companyId = (await f.company()).id;
    contractId = (await f.contract({ contractingAuthorityId: authority.id, holderId: companyId })).id;
    await f.insertionClause(contractId, { targetMode: 'fixed', fixedHoursX100: 100_000 });
    fac = await t.as('facilitator', structureId);
    company = await t.as('company', companyId);
    regional = await t.as('regional_staff', (await f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] })).id);
  });
  afterAll(async () => t.close());

  const person = async (n: number, criteria: object[]) =>
    (await fac.post(`${API}/beneficiaries`).send({ lastName: `Agrégat${n}`, firstName: 'Test', birthDate: '1990-01-01', sex: 'F', qpvResident: false, criteria }).expect(201)).body.id as string;
  const assign = async (beneficiaryId: string, startDate = '2026-01-05') =>
    (await fac.post(`${API}/assignments`).send({ beneficiaryId, contractId, employerId: companyId, modality: 'direct_hire_cdd', startDate }).expect(201)).body;
  const declare = async (assignmentId: string, month: string, hours: number) =>
    (await company.post(`${API}/hours-statements`).send({ assignmentId, month, hours, source: 'company_statement' }).expect(201)).body.id as string;
  const compliance = async () => (await regional.get(`${API}/contracts/${contractId}/compliance`).query({ at: '2026-12-31' }).expect(200)).body.clauses[0];
  /** The realised hours and people computed from the raw rows with the rule, independently of the aggregates. */
  const rawFigures = async () => {
    const [row] = await t.ds.query(
      `SELECT coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated' AND ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')}), 0)::int AS realised,
              coalesce(sum(${PENDING_HOURS}) FILTER (WHERE s.status = 'declared'), 0)::int AS pending,
              count(DISTINCT b.person_key) FILTER (WHERE s.status = 'validated' AND ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')})::int AS people
         FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
         LEFT JOIN hours_statements replaced ON replaced.id = s.supersedes_id
        WHERE s.contract_id = $1`,
      [contractId],
    );
    return { realisedHours: row.realised / 100, pendingHours: row.pending / 100, distinctBeneficiaries: row.people };
  };
  const profile = async (assignmentId: string) => (await t.ds.query(`SELECT * FROM assignment_first_months WHERE assignment_id = $1`, [assignmentId]))[0];
  const expectInStep = async () => {
    expect(await aggregatesDrift(t.ds)).toEqual(NO_DRIFT);
    expect(await compliance()).toMatchObject(await rawFigures());
  };

  it('stays equal through declarations, validations, rejections, corrections, criteria and erasure', async () => {
    const rsa = { criterion: 'RSA', validatedOn: '2025-12-01', validatedBy: 'CAF' };
    const eligible = await assign(await person(1, [rsa]));
    const notYet = await assign(await person(2, [{ ...rsa, validatedOn: '2026-02-01' }]));
    expect([eligible.eligible, notYet.eligible]).toEqual([true, false]);

    const s1 = await declare(eligible.id, '2026-02', 100);
    const s2 = await declare(eligible.id, '2026-03', 50.25);
    const s3 = await declare(notYet.id, '2026-02', 80);
    await expectInStep();
    await fac.post(`${API}/hours-statements/${s1}/validate`).expect(200);
    await fac.post(`${API}/hours-statements/${s3}/validate`).expect(200);
    await fac.post(`${API}/hours-statements/${s2}/reject`).send({ reason: 'Illisible' }).expect(200);
    await expectInStep();
    expect(await compliance()).toMatchObject({ realisedHours: 100, notEligibleHours: 80, distinctBeneficiaries: 1 });

    // A correction: pending (old counts), then validated (new counts, old superseded), then one rejected.
    const c1 = (await company.post(`${API}/hours-statements/${s1}/supersede`).send({ hours: 120.5, source: 'payslip' }).expect(201)).body.id;
    await expectInStep();
    await fac.post(`${API}/hours-statements/${c1}/validate`).expect(200);
    await expectInStep();
    const c2 = (await company.post(`${API}/hours-statements/${c1}/supersede`).send({ hours: 10, source: 'payslip' }).expect(201)).body.id;
    // Rule 3: the correction awaiting a decision counts in pending by its difference, 10 − 120.50 = −110.50 h.
    await expectInStep();
    expect(await compliance()).toMatchObject({ realisedHours: 120.5, pendingHours: -110.5 });
    await fac.post(`${API}/hours-statements/${c2}/reject`).send({ reason: 'Erreur de saisie' }).expect(200);
    await expectInStep();
    expect(await compliance()).toMatchObject({ realisedHours: 120.5 });

    // A criterion valid on the start date, added later: the second assignment becomes eligible, its hours realised.
    await fac.post(`${API}/beneficiaries/${notYet.beneficiaryId}/criteria`).send({ criterion: 'DELD', validatedOn: '2025-11-01', validatedBy: 'France Travail' }).expect(201);
    await expectInStep();
    expect(await compliance()).toMatchObject({ realisedHours: 200.5, notEligibleHours: 0, distinctBeneficiaries: 2 });

    // A second criterion valid on the start date: the flag stays, the criteria counted by the reports change.
    await fac.post(`${API}/beneficiaries/${eligible.beneficiaryId}/criteria`).send({ criterion: 'RQTH', validatedOn: '2025-06-01', validatedBy: 'MDPH' }).expect(201);
    await expectInStep();
    expect(await profile(eligible.id)).toMatchObject({ criteria: ['RQTH', 'RSA'] });
    // The exit recorded on the assignment, and the person's sex, birth year and QPV flag fixed by hand (the service never changes them).
    await fac.put(`${API}/assignments/${eligible.id}/outcome`).send({ exitOutcome: 'durable_employment' }).expect(200);
    await t.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('clausier.actor', '{"system":"test"}', true)`);
      await m.query(`UPDATE beneficiaries SET sex = 'M', birth_year = 2004, qpv_resident = true WHERE id = $1`, [eligible.beneficiaryId]);
    });
    await expectInStep();
    expect(await profile(eligible.id)).toMatchObject({ exit_outcome: 'durable_employment', sex: 'M', birth_year: 2004, qpv_resident: true });

    // The same person registered by a second structure, working on the contract too: still one person.
    const other = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['93'] })).id);
    const twin = (await other.post(`${API}/beneficiaries`).send({ lastName: 'Agrégat1', firstName: 'Test', birthDate: '1990-01-01', sex: 'F', qpvResident: false, criteria: [rsa] }).expect(201)).body.id;
    const twinAssignment = (await other.post(`${API}/assignments`).send({ beneficiaryId: twin, contractId, employerId: companyId, modality: 'temp_work_etti', startDate: '2026-04-01' }).expect(201)).body.id;
    const s4 = await declare(twinAssignment, '2026-04', 30);
    await other.post(`${API}/hours-statements/${s4}/validate`).expect(200);
    await expectInStep();
    expect(await compliance()).toMatchObject({ distinctBeneficiaries: 2 });

    // Erasure keeps every figure.
    const before = await compliance();
    await fac.post(`${API}/beneficiaries/${eligible.beneficiaryId}/erasure`).expect(200);
    await expectInStep();
    expect(await compliance()).toEqual(before);
  });

  it('stays equal under concurrent writes on the same contract and month', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, async (_, i) => (await assign(await person(100 + i, [{ criterion: 'RQTH', validatedOn: '2025-01-01', validatedBy: 'MDPH' }]))).id));
    const statements = await Promise.all(ids.map((id, i) => declare(id, '2026-06', 10 + i)));
    await Promise.all(statements.map((id, i) => (i % 3 === 2 ? fac.post(`${API}/hours-statements/${id}/reject`).send({ reason: 'Doublon' }) : fac.post(`${API}/hours-statements/${id}/validate`)).expect(200)));
    await Promise.all(statements.filter((_, i) => i % 3 === 0).map((id) => company.post(`${API}/hours-statements/${id}/supersede`).send({ hours: 7.77, source: 'payslip' }).expect(201)));
    await expectInStep();
  });

  it('two corrections of one assignment validated at once, and two criteria added at once to one person: both succeed, figures in step', async () => {
    const beneficiaryId = await person(300, [{ criterion: 'RSA', validatedOn: '2025-01-01', validatedBy: 'CAF' }]);
    const assignment = (await assign(beneficiaryId)).id as string;
    const [a, b] = [await declare(assignment, '2026-07', 40), await declare(assignment, '2026-08', 50)];
    for (const id of [a, b]) await fac.post(`${API}/hours-statements/${id}/validate`).expect(200);
    const corrections = [
      (await company.post(`${API}/hours-statements/${a}/supersede`).send({ hours: 41, source: 'payslip' }).expect(201)).body.id as string,
      (await company.post(`${API}/hours-statements/${b}/supersede`).send({ hours: 51, source: 'payslip' }).expect(201)).body.id as string,
    ];
    const validated = await Promise.all(corrections.map((id) => fac.post(`${API}/hours-statements/${id}/validate`)));
    expect(validated.map((r) => r.status)).toEqual([200, 200]);
    const added = await Promise.all(
      ['RQTH', 'DELD'].map((criterion) => fac.post(`${API}/beneficiaries/${beneficiaryId}/criteria`).send({ criterion, validatedOn: '2025-02-01', validatedBy: 'PLIE' })),
    );
    expect(added.map((r) => r.status)).toEqual([201, 201]);
    await expectInStep();
  });

  /**
   * Two transactions interleaved on two connections: `first` runs, then `second` starts (and may wait on
   * the first's locks); after a pause `firstThen` runs and the first commits; once the second's
   * statement is through, `secondThen` runs and the second commits.
   */
  const runTwo = async (
    first: (q: QueryRunner) => Promise<unknown>,
    second: (q: QueryRunner) => Promise<unknown>,
    then: { firstThen?: (q: QueryRunner) => Promise<unknown>; secondThen?: (q: QueryRunner) => Promise<unknown> } = {},
  ) => {
    const [t1, t2] = [t.ds.createQueryRunner(), t.ds.createQueryRunner()];
    await Promise.all([t1.connect(), t2.connect()]);
    try {
      for (const q of [t1, t2]) {
        await q.startTransaction();
        await q.query(`SELECT set_config('clausier.actor', '{"system":"test"}', true)`);
      }
      await first(t1);
      const waiting = second(t2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await then.firstThen?.(t1);
      await t1.commitTransaction();
      await waiting;
      await then.secondThen?.(t2);
      await t2.commitTransaction();
    } finally {
      await t1.release();
      await t2.release();
    }
  };
  const supersedeSql = (id: string) => (q: QueryRunner) => q.query(`UPDATE hours_statements SET status = 'superseded' WHERE id = $1`, [id]);
  const validateSql = (ids: string[]) => (q: QueryRunner) => q.query(`UPDATE hours_statements SET status = 'validated', decided_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  const addCriterionSql = (beneficiaryId: string) => (q: QueryRunner) =>
    q.query(`INSERT INTO eligibility_criteria (beneficiary_id, criterion, validated_on, validated_by) VALUES ($1, 'DELD', '2025-01-01', 'France Travail')`, [beneficiaryId]);

  it('two transactions validating corrections of one assignment, interleaved: the second waits, neither fails', async () => {
    const assignment = (await assign(await person(301, [{ criterion: 'RSA', validatedOn: '2025-01-01', validatedBy: 'CAF' }]))).id as string;
    const [a, b] = [await declare(assignment, '2026-07', 40), await declare(assignment, '2026-08', 50)];
    for (const id of [a, b]) await fac.post(`${API}/hours-statements/${id}/validate`).expect(200);
    const [a2, b2] = [
      (await company.post(`${API}/hours-statements/${a}/supersede`).send({ hours: 41, source: 'payslip' }).expect(201)).body.id as string,
      (await company.post(`${API}/hours-statements/${b}/supersede`).send({ hours: 51, source: 'payslip' }).expect(201)).body.id as string,
    ];
    // What validate() does, statement by statement, on two connections: T1 takes the first-month row
    // while its correction is half done; T2 then waits on it and must go on once T1 commits.
    await runTwo(supersedeSql(a), supersedeSql(b), { firstThen: validateSql([a2]), secondThen: validateSql([b2]) });
    await expectInStep();
  });

  it('a criterion and a first validated month written at once, in either order: the first month and the non-eligible hours follow the flag the assignment ends with', async () => {
    // Not eligible until the criterion lands; each time the assignment's first validated month is written meanwhile.
    const criterionFirst = await assign(await person(302, []));
    const s1 = await declare(criterionFirst.id, '2026-10', 20);
    await runTwo(addCriterionSql(criterionFirst.beneficiaryId), validateSql([s1]));
    const monthFirst = await assign(await person(303, []));
    const s2 = await declare(monthFirst.id, '2026-10', 30);
    await runTwo(validateSql([s2]), addCriterionSql(monthFirst.beneficiaryId));
    // A statement inserted validated, as an import marked validated writes it.
    const inserted = await assign(await person(306, []));
    const insertValidated = (q: QueryRunner) =>
      q.query(
        `INSERT INTO hours_statements (assignment_id, contract_id, month, hours_x100, source, status, decided_at) VALUES ($1, $2, '2026-10-01', 4000, 'company_statement', 'validated', now())`,
        [inserted.id, contractId],
      );
    await runTwo(addCriterionSql(inserted.beneficiaryId), insertValidated);

    const flags = await t.ds.query(`SELECT eligible FROM assignment_first_months WHERE assignment_id = ANY($1::uuid[])`, [[criterionFirst.id, monthFirst.id, inserted.id]]);
    expect(flags).toEqual([{ eligible: true }, { eligible: true }, { eligible: true }]);
    await expectInStep();
  });

  it('criteria for a person while one transaction validates hours of two of their assignments, in either order: both commit, figures in step', async () => {
    // Both assignments' statements validated by one statement, as an import does: its trigger locks both assignments.
    for (const [n, criterionFirst] of [[304, true], [305, false]] as const) {
      const beneficiaryId = await person(n, []);
      const [a1, a2] = [await assign(beneficiaryId, '2026-01-05'), await assign(beneficiaryId, '2026-02-02')];
      const statements = [await declare(a1.id, '2026-10', 15), await declare(a2.id, '2026-10', 25), await declare(a2.id, '2026-11', 35)];
      if (criterionFirst) await runTwo(addCriterionSql(beneficiaryId), validateSql(statements));
      else await runTwo(validateSql(statements), addCriterionSql(beneficiaryId));
    }
    await expectInStep();
  });

  it('a person fixed by hand while their first month is validated, in either order: the copied profile follows the person', async () => {
    for (const [n, personFirst] of [[307, true], [308, false]] as const) {
      const assignment = await assign(await person(n, [{ criterion: 'RSA', validatedOn: '2025-01-01', validatedBy: 'CAF' }]));
      const statement = await declare(assignment.id, '2026-10', 12);
      const fix = (q: QueryRunner) => q.query(`UPDATE beneficiaries SET sex = 'M', birth_year = 1960 WHERE id = $1`, [assignment.beneficiaryId]);
      if (personFirst) await runTwo(fix, validateSql([statement]));
      else await runTwo(validateSql([statement]), fix);
      expect(await profile(assignment.id)).toMatchObject({ sex: 'M', birth_year: 1960 });
    }
    await expectInStep();
  });

  /** The pre-summed month of the contract's holder figures and SME payments, as integers. */
  const activityMonth = async (month: string) =>
    (await t.ds.query(
      `SELECT contract_hours_x100::int AS hours, invoiced_cents::int AS invoiced, sme_confirmed_cents::int AS confirmed, sme_declared_cents::int AS declared
         FROM contract_month_activity WHERE contract_id = $1 AND month = $2`,
      [contractId, month],
    ))[0];
  /** A company of `size` made a subcontractor of the contract, so that the holder may pay it. */
  const partner = async (size: 'small' | 'large') => {
    const id = (await f.company({ size })).id!;
    await f.party({ contractId, companyId: id, role: 'subcontractor' });
    return { id, as: await t.as('company', id) };
  };
  const pay = async (payeeId: string, month: string, amountCents: number) =>
    (await company.post(`${API}/contracts/${contractId}/payments`).send({ payeeId, month, amountCents }).expect(201)).body.id as string;

  it('the holder monthly figures and the SME payments stay equal through corrections, confirmations, disputes and changes of size', async () => {
    await company.put(`${API}/contracts/${contractId}/monthly-hours/2026-05`).send({ hours: 100 }).expect(200);
    await company.put(`${API}/contracts/${contractId}/monthly-hours/2026-05`).send({ hours: 120.5 }).expect(200);
    await company.put(`${API}/contracts/${contractId}/invoiced-amounts/2026-05`).send({ amountCents: 500_000 }).expect(200);
    const [sme, large] = [await partner('small'), await partner('large')];
    const confirmed = await pay(sme.id, '2026-05', 10_000);
    const disputed = await pay(sme.id, '2026-05', 20_000);
    await pay(sme.id, '2026-05', 40_000);
    const toLarge = await pay(large.id, '2026-05', 80_000);
    await sme.as.post(`${API}/payments/${confirmed}/confirm`).expect(200);
    await sme.as.post(`${API}/payments/${disputed}/dispute`).send({ reason: 'Montant faux' }).expect(200);
    await large.as.post(`${API}/payments/${toLarge}/confirm`).expect(200);
    await expectInStep();
    // Worked out by hand: the latest monthly figures; to the SME, 100 € confirmed, 400 € declared, 200 € disputed (in neither).
    expect(await activityMonth('2026-05-01')).toEqual({ hours: 12_050, invoiced: 500_000, confirmed: 10_000, declared: 40_000 });

    // The SME grows large and the large company becomes medium-sized: their payments change sides.
    const admin = await t.as('admin');
    await admin.patch(`${API}/organisations/${sme.id}`).send({ size: 'large' }).expect(200);
    await admin.patch(`${API}/organisations/${large.id}`).send({ size: 'medium' }).expect(200);
    await admin.patch(`${API}/organisations/${large.id}`).send({ name: 'Renommée' }).expect(200);
    await expectInStep();
    expect(await activityMonth('2026-05-01')).toMatchObject({ confirmed: 80_000, declared: 0 });
    // The former SME, now large, fixed by hand into an organisation without a size: no SME before or after, nothing moves.
    await t.ds.transaction(async (m) => {
      await m.query(`SELECT set_config('clausier.actor', '{"system":"test"}', true)`);
      await m.query(`UPDATE organisations SET kind = 'facilitator_structure', size = NULL WHERE id = $1`, [sme.id]);
    });
    await expectInStep();
  });

  it('a payment confirmed while its payee changes size, in either order: it ends counted by the payee\'s final size', async () => {
    for (const confirmFirst of [true, false]) {
      const sme = await partner('small');
      const payment = await pay(sme.id, '2026-06', 7_000);
      const confirm = (q: QueryRunner) => q.query(`UPDATE payments SET status = 'confirmed', decided_at = now() WHERE id = $1`, [payment]);
      const grow = (q: QueryRunner) => q.query(`UPDATE organisations SET size = 'large' WHERE id = $1`, [sme.id]);
      if (confirmFirst) await runTwo(confirm, grow);
      else await runTwo(grow, confirm);
      await expectInStep();
    }
  });

  describe('rule 10: what SMEs executed, each euro once', () => {
    /** A contract with a holder of `holderSize`, an SME co-contractor, a large co-contractor, an SME and a large subcontractor. */
    const sharedContract = async (holderSize: 'small' | 'large') => {
      const ids = {
        holder: (await f.company({ size: holderSize })).id!, smeCo: (await f.company({ size: 'small' })).id!, bigCo: (await f.company({ size: 'large' })).id!,
        smeSub: (await f.company({ size: 'micro' })).id!, bigSub: (await f.company({ size: 'large' })).id!,
      };
      const contract = (await f.contract({ contractingAuthorityId: (await f.organisation()).id!, holderId: ids.holder })).id!;
      await f.party({ contractId: contract, companyId: ids.smeCo, role: 'co_contractor' });
      await f.party({ contractId: contract, companyId: ids.bigCo, role: 'co_contractor' });
      await f.party({ contractId: contract, companyId: ids.smeSub });
      await f.party({ contractId: contract, companyId: ids.bigSub });
      return { contract, ids };
    };
    const payment = (contractId: string, payerId: string, payeeId: string, amountCents: number, status: 'declared' | 'confirmed' | 'disputed' = 'confirmed') =>
      f.payment({ contractId, payerId, payeeId, amountCents, status, month: '2026-04-01', ...(status === 'disputed' ? { disputeReason: 'Contesté' } : {}) });
    const bySystem = (sql: string, params: unknown[]) =>
      t.ds.transaction(async (m) => {
        await m.query(`SELECT set_config('clausier.actor', '{"system":"test"}', true)`);
        await m.query(sql, params);
      });
    const resize = (id: string, size: string) => bySystem(`UPDATE organisations SET size = $2 WHERE id = $1`, [id, size]);

    it('stays equal through payments passed on, an SME holder\'s invoices, and changes of size of payers, payees and holders', async () => {
      const { contract, ids } = await sharedContract('small');
      await company.put(`${API}/contracts/${contractId}/invoiced-amounts/2026-04`).send({ amountCents: 1 }).expect(200); // another contract, untouched
      await bySystem(`INSERT INTO contract_invoiced_amounts (contract_id, month, amount_cents) VALUES ($1, '2026-04-01', 900000)`, [contract]);
      for (const [payer, payee, cents, status] of [
        ['holder', 'bigSub', 100_000, 'confirmed'], ['holder', 'smeCo', 200_000, 'confirmed'], ['holder', 'bigCo', 300_000, 'declared'],
        ['smeCo', 'smeSub', 50_000, 'confirmed'], ['smeCo', 'bigSub', 40_000, 'confirmed'], ['bigCo', 'smeSub', 30_000, 'declared'], ['bigCo', 'smeSub', 20_000, 'disputed'],
      ] as const) {
        await payment(contract, ids[payer], ids[payee], cents, status);
      }
      await expectInStep();
      // By hand: 900,000 invoiced − 100,000 to the large subcontractor; declared −300,000 to the large co-contractor + 30,000 from it to the SME.
      const [month] = await t.ds.query(`SELECT sme_confirmed_cents::int AS confirmed, sme_declared_cents::int AS declared FROM contract_month_activity WHERE contract_id = $1`, [contract]);
      expect(month).toEqual({ confirmed: 800_000, declared: -270_000 });
      for (const [who, size] of [['smeCo', 'large'], ['holder', 'large'], ['bigCo', 'medium'], ['holder', 'medium'], ['smeSub', 'large']] as const) {
        await resize(ids[who], size);
        await expectInStep();
      }
      // Two companies changing size in one statement: each payment between them moves once.
      await bySystem(`UPDATE organisations SET size = CASE WHEN id = $1 THEN 'micro' ELSE 'large' END WHERE id IN ($1, $2)`, [ids.smeCo, ids.holder]);
      await expectInStep();
      // The holder changed by hand (no route does it): the invoices and the payer that counts as holder follow.
      await bySystem(`UPDATE contracts SET holder_id = $2 WHERE id = $1`, [contract, ids.smeCo]);
      await expectInStep();
    });

    it('a payment confirmed while its payer changes size, an invoice while the holder does, in either order: in step', async () => {
      for (const paymentFirst of [true, false]) {
        const { contract, ids } = await sharedContract('small');
        const p = await payment(contract, ids.smeCo, ids.smeSub, 7_000, 'declared');
        const confirm = (q: QueryRunner) => q.query(`UPDATE payments SET status = 'confirmed', decided_at = now() WHERE id = $1`, [p.id]);
        const invoice = (q: QueryRunner) => q.query(`INSERT INTO contract_invoiced_amounts (contract_id, month, amount_cents) VALUES ($1, '2026-05-01', 5000)`, [contract]);
        const grow = (id: string) => (q: QueryRunner) => q.query(`UPDATE organisations SET size = 'large' WHERE id = $1`, [id]);
        if (paymentFirst) {
          await runTwo(confirm, grow(ids.smeCo));
          await runTwo(invoice, grow(ids.holder));
        } else {
          await runTwo(grow(ids.smeCo), confirm);
          await runTwo(grow(ids.holder), invoice);
        }
        await expectInStep();
      }
    });
  });

  it('rebuild_aggregates() recomputes everything from the raw rows after a bulk load that bypassed the triggers', async () => {
    const live = async () => t.ds.query(`SELECT * FROM contract_month_totals WHERE validated_x100 <> 0 OR declared_x100 <> 0 ORDER BY contract_id, month`);
    const before = await live();
    const assignment = (await assign(await person(200, [{ criterion: 'RSA', validatedOn: '2025-01-01', validatedBy: 'CAF' }]))).id as string;
    // What the benchmark loader does: COPY with triggers off (session_replication_role = replica).
    await t.ds.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(
        `INSERT INTO hours_statements (assignment_id, contract_id, month, hours_x100, source, status)
         SELECT $1, $2, '2026-09-01', 4200, 'company_statement', 'validated'`,
        [assignment, contractId],
      );
    });
    await t.ds.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`INSERT INTO contract_invoiced_amounts (contract_id, month, amount_cents) VALUES ($1, '2026-09-01', 4200)`, [contractId]);
      // A correction of September's 42 h to 40 h awaiting a decision: −2 h pending.
      await m.query(
        `INSERT INTO hours_statements (assignment_id, contract_id, month, hours_x100, source, supersedes_id)
         SELECT assignment_id, contract_id, month, 4000, 'payslip', id FROM hours_statements WHERE assignment_id = $1`,
        [assignment],
      );
    });
    const stale = await aggregatesDrift(t.ds);
    expect(stale.totals).toEqual([expect.objectContaining({ validated: '4200', declared: '-200', validated_x100: null })]);
    expect(stale.firstMonths).toHaveLength(1);
    expect(stale.activity).toHaveLength(1);

    await t.ds.transaction(async (m) => {
      // Rebuilding rewrites assignment flags, an audited write: done as the system.
      await m.query(`SELECT set_config('clausier.actor', '{"system":"test"}', true)`);
      await m.query(`SELECT rebuild_aggregates()`);
    });
    expect(await aggregatesDrift(t.ds)).toEqual(NO_DRIFT);
    const after = await live();
    expect(after).toHaveLength(before.length + 1);
    expect(after).toEqual(expect.arrayContaining([...before, expect.objectContaining({ contract_id: contractId, validated_x100: '4200', declared_x100: '-200' })]));
  });
});
