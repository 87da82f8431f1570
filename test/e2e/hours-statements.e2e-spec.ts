import { randomUUID } from 'node:crypto';
import { DeepPartial } from 'typeorm';
import { Assignment } from '../../src/assignments/assignment.entity';
import { factories } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/app';
import { AuthedHttp } from '../helpers/users';

const BASE = '/api/v1/hours-statements';

describe('Hours statements (e2e)', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  let authorityId: string;
  let companyId: string;
  /** The holder of every contract here and the employer of every assignment: declares the hours and their corrections. */
  let company: AuthedHttp;
  /** A facilitator following the contracts of department 93, where they all run: validates or rejects. */
  let fac: AuthedHttp;

  beforeAll(async () => {
    t = await startTestApp();
    f = factories(t.ds);
    authorityId = (await f.organisation()).id as string;
    companyId = (await f.company()).id as string;
    company = await t.as('company', companyId);
    fac = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['93'] })).id);
  });
  afterAll(async () => {
    await t.close();
  });

  const newPersonKey = () => randomUUID().replace(/-/g, '').padEnd(64, 'a');

  /** A contract and one assignment on it for the person `personKey`, registered by a structure of its own. */
  async function assignmentOf(personKey: string, o: Partial<DeepPartial<Assignment>> = {}, contractDates = { startDate: '2026-01-01', endDate: '2026-12-31' }) {
    const structure = await f.facilitatorStructure();
    const contract = await f.contract({ contractingAuthorityId: authorityId, holderId: companyId, ...contractDates });
    const beneficiary = await f.beneficiary({ registeredById: structure.id as string, personKey });
    const a = await f.assignment({ beneficiaryId: beneficiary.id as string, contractId: contract.id as string, employerId: companyId, ...o });
    return { id: a.id as string, beneficiaryId: a.beneficiaryId as string, contractId: a.contractId as string };
  }

  const declare = (body: Record<string, unknown>, key?: string, as: AuthedHttp = company) => {
    const req = as.post(BASE);
    if (key) req.set('Idempotency-Key', key);
    return req.send({ source: 'company_statement', ...body });
  };

  const rowsFor = async (assignmentId: string) =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM hours_statements WHERE assignment_id = $1`, [assignmentId]))[0].n as number;

  describe('legal monthly cap across the assignments and structures of one person', () => {
    it.each([
      ['31-day month', '2026-03', 212.57],
      ['28-day month', '2026-02', 192],
    ])('%s: accepts exactly the cap, refuses 0.01 h above', async (_label, month, cap) => {
      const person = newPersonKey();
      // Two structures registered the same person (same personKey), each placing them on a contract.
      const first = await assignmentOf(person);
      const second = await assignmentOf(person);
      expect(first.beneficiaryId).not.toBe(second.beneficiaryId);

      expect((await declare({ assignmentId: first.id, month, hours: 100 })).status).toBe(201);

      const over = await declare({ assignmentId: second.id, month, hours: Math.round((cap - 100 + 0.01) * 100) / 100 });
      expect(over.status).toBe(422);
      expect(over.body.code).toBe('legal_monthly_cap');
      expect(over.body.details).toEqual([expect.objectContaining({ field: 'hours' })]);
      expect(over.body.context).toEqual({ capHours: cap, currentHours: 100, requestedHours: Math.round((cap - 100 + 0.01) * 100) / 100, month });
      // Said in French by default (src/common/messages): the cap, and what may still be declared.
      expect(over.body.message).toContain(`au-dessus du plafond légal de ${cap.toFixed(2).replace('.', ',')} h`);
      expect(over.body.details[0].reason).toContain(`au plus ${(cap - 100).toFixed(2).replace('.', ',')} h de plus`);
      expect(await rowsFor(second.id)).toBe(0);

      const exact = await declare({ assignmentId: second.id, month, hours: Math.round((cap - 100) * 100) / 100 });
      expect(exact.status).toBe(201);
      expect(exact.body).toMatchObject({ assignmentId: second.id, contractId: second.contractId, month, hours: Math.round((cap - 100) * 100) / 100, status: 'declared' });

      // The person is now at the cap: even 0.01 h on a third assignment is refused.
      const third = await assignmentOf(person);
      const more = await declare({ assignmentId: third.id, month, hours: 0.01 });
      expect(more.status).toBe(422);
      expect(more.body.context.currentHours).toBe(cap);
    });

    it('while a correction is pending, the larger of old and corrected hours counts, so a rejection cannot leave the person over the cap', async () => {
      const person = newPersonKey();
      const a = await assignmentOf(person);
      const b = await assignmentOf(person);
      const old = await declare({ assignmentId: a.id, month: '2026-03', hours: 200 });
      await fac.post(`${BASE}/${old.body.id}/validate`).expect(200);
      const correction = await company.post(`${BASE}/${old.body.id}/supersede`).send({ hours: 10, source: 'payslip' }).expect(201);

      // 200 h may still stand (if the correction is rejected): only 12.57 h of room in March.
      const tooMuch = await declare({ assignmentId: b.id, month: '2026-03', hours: 200 });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body).toMatchObject({ code: 'legal_monthly_cap', context: { currentHours: 200 } });
      expect(await rowsFor(b.id)).toBe(0);

      await fac.post(`${BASE}/${correction.body.id}/reject`).send({ reason: 'payslip says 200 h' }).expect(200);
      const [{ total }] = await t.ds.query(
        `SELECT COALESCE(SUM(s.hours_x100), 0)::int AS total FROM hours_statements s JOIN assignments x ON x.id = s.assignment_id
          JOIN beneficiaries p ON p.id = x.beneficiary_id WHERE p.person_key = $1 AND s.status = 'validated'`,
        [person],
      );
      expect(total).toBeLessThanOrEqual(21_257);
    });

    it('does not count rejected statements, and another person is not affected', async () => {
      const person = newPersonKey();
      const a = await assignmentOf(person);
      const b = await assignmentOf(person);
      const big = await declare({ assignmentId: a.id, month: '2026-04', hours: 200 });
      expect((await declare({ assignmentId: b.id, month: '2026-04', hours: 10 })).body.code).toBe('legal_monthly_cap');
      const stranger = await assignmentOf(newPersonKey());
      expect((await declare({ assignmentId: stranger.id, month: '2026-04', hours: 200 })).status).toBe(201);

      await fac.post(`${BASE}/${big.body.id}/reject`).send({ reason: 'Payslip shows 150 h' }).expect(200);
      expect((await declare({ assignmentId: b.id, month: '2026-04', hours: 10 })).status).toBe(201);
    });
  });

  describe('month checks', () => {
    it('refuses a month wholly outside the assignment, names the dates, accepts a partial month', async () => {
      const a = await assignmentOf(newPersonKey(), { startDate: '2026-03-15', endDate: '2026-05-10' });
      for (const month of ['2026-02', '2026-06']) {
        const res = await declare({ assignmentId: a.id, month, hours: 10 });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('month_outside_assignment');
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'month' })]);
        expect(res.body.message).toContain('du 15/03/2026 au 10/05/2026');
      }
      expect((await declare({ assignmentId: a.id, month: '2026-03', hours: 10 })).status).toBe(201);
      expect((await declare({ assignmentId: a.id, month: '2026-05', hours: 10 })).status).toBe(201);
      expect(await rowsFor(a.id)).toBe(2);
    });

    it('refuses a month outside the contract when the assignment has no end', async () => {
      const a = await assignmentOf(newPersonKey(), { startDate: '2026-01-01', endDate: null });
      const res = await declare({ assignmentId: a.id, month: '2027-01', hours: 10 });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('month_outside_contract');
      expect(res.body.details[0].field).toBe('month');
      expect(res.body.message).toContain('du 01/01/2026 au 31/12/2026');
    });

    it('404 for an unknown assignment, 400 for bad input', async () => {
      const res = await declare({ assignmentId: randomUUID(), month: '2026-03', hours: 10 });
      expect(res.status).toBe(404);
      const a = await assignmentOf(newPersonKey());
      const bad = await declare({ assignmentId: a.id, month: '2026-13', hours: 10.123 });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['hours', 'month']);
    });
  });

  describe('workflow', () => {
    it('refuses a second live statement for the assignment-month (409), pointing at supersede once validated', async () => {
      const a = await assignmentOf(newPersonKey());
      const first = await declare({ assignmentId: a.id, month: '2026-03', hours: 70 });
      const dup = await declare({ assignmentId: a.id, month: '2026-03', hours: 70 });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ code: 'statement_exists', context: { statementId: first.body.id, status: 'declared' } });

      await fac.post(`${BASE}/${first.body.id}/validate`).expect(200);
      const again = await declare({ assignmentId: a.id, month: '2026-03', hours: 71 });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'statement_exists', context: { statementId: first.body.id, status: 'validated' } });
      expect(again.body.message).toContain('supersede');
      expect(await rowsFor(a.id)).toBe(1);
    });

    it('validates and rejects only declared statements', async () => {
      const a = await assignmentOf(newPersonKey());
      const s = (await declare({ assignmentId: a.id, month: '2026-03', hours: 151.67, source: 'payslip' })).body;
      expect(s).toMatchObject({ hours: 151.67, source: 'payslip', status: 'declared', decidedAt: null, supersedesId: null, rejectionReason: null });

      const validated = await fac.post(`${BASE}/${s.id}/validate`).expect(200);
      expect(validated.body).toMatchObject({ id: s.id, status: 'validated', hours: 151.67 });
      expect(Date.parse(validated.body.decidedAt)).not.toBeNaN();

      const twice = await fac.post(`${BASE}/${s.id}/validate`);
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('invalid_transition');
      const rejectValidated = await fac.post(`${BASE}/${s.id}/reject`).send({ reason: 'too late' });
      expect(rejectValidated.status).toBe(409);
      expect(rejectValidated.body.code).toBe('invalid_transition');

      const other = (await declare({ assignmentId: a.id, month: '2026-04', hours: 20 })).body;
      const blank = await fac.post(`${BASE}/${other.id}/reject`).send({ reason: '   ' });
      expect(blank.status).toBe(400);
      expect(blank.body.details[0].field).toBe('reason');
      const rejected = await fac.post(`${BASE}/${other.id}/reject`).send({ reason: 'No payslip' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'No payslip' });
      expect((await fac.post(`${BASE}/${other.id}/validate`)).status).toBe(409);
      // After a rejection the month can be declared again.
      expect((await declare({ assignmentId: a.id, month: '2026-04', hours: 19 })).status).toBe(201);
      expect((await fac.post(`${BASE}/${randomUUID()}/validate`)).status).toBe(404);
    });

    it('supersede: the old statement counts until the correction is validated, then is superseded; history shows the chain', async () => {
      const person = newPersonKey();
      const a = await assignmentOf(person);
      const b = await assignmentOf(person);
      const old = (await declare({ assignmentId: a.id, month: '2026-03', hours: 150 })).body;
      await fac.post(`${BASE}/${old.id}/validate`).expect(200);
      await declare({ assignmentId: b.id, month: '2026-03', hours: 60 });

      // Only a validated statement can be corrected.
      const notValidated = await company.post(`${BASE}/${(await declare({ assignmentId: a.id, month: '2026-05', hours: 1 })).body.id}/supersede`).send({ hours: 2, source: 'payslip' });
      expect(notValidated.status).toBe(409);
      expect(notValidated.body.code).toBe('invalid_transition');

      // The corrected hours replace the old ones in the total: 60 + 152.58 > 212.57.
      const tooMuch = await company.post(`${BASE}/${old.id}/supersede`).send({ hours: 152.58, source: 'payslip' });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body).toMatchObject({ code: 'legal_monthly_cap', context: { currentHours: 60, requestedHours: 152.58, capHours: 212.57 } });

      const correction = await company.post(`${BASE}/${old.id}/supersede`).send({ hours: 152.57, source: 'payslip', reason: 'payslip received' });
      expect(correction.status).toBe(201);
      expect(correction.body).toMatchObject({ status: 'declared', supersedesId: old.id, assignmentId: a.id, month: '2026-03', hours: 152.57 });

      const second = await company.post(`${BASE}/${old.id}/supersede`).send({ hours: 140, source: 'payslip' });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'correction_pending', context: { statementId: correction.body.id } });

      // Until the correction is validated, the old statement stands as validated.
      const before = await fac.get(`${BASE}/${old.id}`).expect(200);
      expect(before.body).toMatchObject({ status: 'validated', supersededById: null });
      const validatedBefore = await fac.get(BASE).query({ assignmentId: a.id, status: 'validated' }).expect(200);
      expect(validatedBefore.body.items.map((s: { id: string }) => s.id)).toEqual([old.id]);
      // The pending correction already replaces the old hours in the person's total: 152.57 + 60 = cap.
      const c = await assignmentOf(person);
      const full = await declare({ assignmentId: c.id, month: '2026-03', hours: 0.01 });
      expect(full.body).toMatchObject({ code: 'legal_monthly_cap', context: { currentHours: 212.57 } });

      const validated = await fac.post(`${BASE}/${correction.body.id}/validate`).expect(200);
      expect(validated.body).toMatchObject({ status: 'validated', supersedesId: old.id });
      const after = await fac.get(`${BASE}/${old.id}`).expect(200);
      expect(after.body).toMatchObject({ status: 'superseded', supersededById: correction.body.id });

      const detail = await fac.get(`${BASE}/${correction.body.id}`).expect(200);
      expect(detail.body.history.map((s: { id: string; status: string; hours: number }) => [s.id, s.status, s.hours])).toEqual([
        [old.id, 'superseded', 150],
        [correction.body.id, 'validated', 152.57],
      ]);
      expect(after.body.history).toEqual(detail.body.history);
      const validatedAfter = await fac.get(BASE).query({ assignmentId: a.id, status: 'validated' }).expect(200);
      expect(validatedAfter.body.items.map((s: { id: string }) => s.id)).toEqual([correction.body.id]);
    });

    it('a rejected correction leaves the old statement validated and counting', async () => {
      const person = newPersonKey();
      const a = await assignmentOf(person);
      const old = (await declare({ assignmentId: a.id, month: '2026-03', hours: 200 })).body;
      await fac.post(`${BASE}/${old.id}/validate`).expect(200);
      const correction = (await company.post(`${BASE}/${old.id}/supersede`).send({ hours: 100, source: 'payslip' }).expect(201)).body;
      await fac.post(`${BASE}/${correction.id}/reject`).send({ reason: 'wrong month' }).expect(200);
      expect((await fac.get(`${BASE}/${old.id}`)).body.status).toBe('validated');
      const b = await assignmentOf(person);
      expect((await declare({ assignmentId: b.id, month: '2026-03', hours: 20 })).body.context).toMatchObject({ currentHours: 200 });
    });
  });

  describe('rule 3: a pending correction counts in pending by its difference with the hours it would replace', () => {
    it('realised + pending is always what realised becomes once everything awaiting a decision is validated', async () => {
      const structure = await f.facilitatorStructure();
      const contract = await f.contract({ contractingAuthorityId: authorityId, holderId: companyId });
      await f.insertionClause(contract.id as string, { targetMode: 'fixed', fixedHoursX100: 100_000 });
      const person = await f.beneficiary({ registeredById: structure.id as string });
      await f.criterion({ beneficiaryId: person.id as string, validatedOn: '2025-12-01' });
      const a = await f.assignment({ beneficiaryId: person.id as string, contractId: contract.id as string, employerId: companyId });
      const figures = async () => {
        const [c] = (await fac.get(`/api/v1/contracts/${contract.id}/compliance`).query({ at: '2026-12-31' }).expect(200)).body.clauses;
        return [c.realisedHours, c.pendingHours];
      };
      const declared = async (month: string, hours: number) => (await declare({ assignmentId: a.id, month, hours }).expect(201)).body.id as string;
      const validated = async (month: string, hours: number) => (await fac.post(`${BASE}/${await declared(month, hours)}/validate`).expect(200)).body.id as string;
      const correct = async (id: string, hours: number) => (await company.post(`${BASE}/${id}/supersede`).send({ hours, source: 'payslip' }).expect(201)).body.id as string;

      const jan = await validated('2026-01', 100);
      const feb = await validated('2026-02', 80);
      const mar = await declared('2026-03', 40);
      expect(await figures()).toEqual([180, 40]); // 100 + 80 validated; March 40 pending
      const janUp = await correct(jan, 120.5);
      expect(await figures()).toEqual([180, 60.5]); // 40 + (120.50 − 100)
      const febDown = await correct(feb, 50);
      expect(await figures()).toEqual([180, 30.5]); // 40 + 20.50 + (50 − 80); 180 + 30.50 = 120.50 + 50 + 40
      await fac.post(`${BASE}/${janUp}/validate`).expect(200);
      expect(await figures()).toEqual([200.5, 10]); // 120.50 + 80; 40 − 30
      await fac.post(`${BASE}/${mar}/validate`).expect(200);
      expect(await figures()).toEqual([240.5, -30]); // 120.50 + 80 + 40; only the downward correction awaits: −30
      await fac.post(`${BASE}/${febDown}/reject`).send({ reason: 'Bulletin illisible' }).expect(200);
      expect(await figures()).toEqual([240.5, 0]);
    });
  });

  describe('Idempotency-Key', () => {
    it('a replay returns the first answer, writes nothing more; the same key with another body is refused', async () => {
      const person = newPersonKey();
      const a = await assignmentOf(person);
      const key = randomUUID();
      const first = await declare({ assignmentId: a.id, month: '2026-03', hours: 120 }, key);
      expect(first.status).toBe(201);
      const replay = await declare({ month: '2026-03', hours: 120, assignmentId: a.id }, key);
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      // Byte for byte, keys in the same order: a client may compare or sign the bytes it got.
      expect(replay.text).toBe(first.text);
      expect(await rowsFor(a.id)).toBe(1);

      // Hours counted once: 120 + 92.57 is exactly the cap.
      const b = await assignmentOf(person);
      expect((await declare({ assignmentId: b.id, month: '2026-03', hours: 92.57 })).status).toBe(201);

      const reused = await declare({ assignmentId: a.id, month: '2026-03', hours: 121 }, key);
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('idempotency_key_reused');
      expect(await rowsFor(a.id)).toBe(1);

      // Keys belong to the user: a colleague sending the same key and body is not given the first answer
      // but makes a request of its own (refused here, the month being already declared).
      const colleague = await declare({ assignmentId: a.id, month: '2026-03', hours: 120 }, key, await t.as('company', companyId));
      expect(colleague.status).toBe(409);
      expect(colleague.headers['idempotent-replayed']).toBeUndefined();
      expect(colleague.body).toMatchObject({ code: 'statement_exists', context: { statementId: first.body.id } });
      expect(await rowsFor(a.id)).toBe(1);
    });

    it('the answer, first and replayed, is the statement as it is then read back, to the millisecond', async () => {
      const a = await assignmentOf(newPersonKey());
      const key = randomUUID();
      const first = await declare({ assignmentId: a.id, month: '2026-05', hours: 12.5, source: 'payslip' }, key);
      expect(first.status).toBe(201);
      const { history, ...read } = (await fac.get(`${BASE}/${first.body.id}`).expect(200)).body;
      expect(history).toHaveLength(1);
      expect(first.body).toEqual(read);
      expect(first.body).toMatchObject({ month: '2026-05', hours: 12.5, source: 'payslip', status: 'declared', supersedesId: null, decidedAt: null });
      const replay = await declare({ assignmentId: a.id, month: '2026-05', hours: 12.5, source: 'payslip' }, key);
      expect(replay.text).toBe(first.text);
    });

    it('a request refused by a rule leaves its key unused: the same request succeeds once the rule allows it', async () => {
      const person = newPersonKey();
      const [a, b] = [await assignmentOf(person), await assignmentOf(person)];
      const blocking = (await declare({ assignmentId: a.id, month: '2026-03', hours: 200 })).body;
      const key = randomUUID();
      const refused = await declare({ assignmentId: b.id, month: '2026-03', hours: 20 }, key);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('legal_monthly_cap');
      const refusedAgain = await declare({ assignmentId: b.id, month: '2026-03', hours: 20 }, key);
      expect(refusedAgain.status).toBe(422);
      expect(refusedAgain.headers['idempotent-replayed']).toBeUndefined();

      await fac.post(`${BASE}/${blocking.id}/reject`).send({ reason: 'wrong person' }).expect(200);
      const accepted = await declare({ assignmentId: b.id, month: '2026-03', hours: 20 }, key);
      expect(accepted.status).toBe(201);
      expect(accepted.headers['idempotent-replayed']).toBeUndefined();
      expect(await rowsFor(b.id)).toBe(1);
    });

    it('two concurrent requests with one key write one row and both answer with it', async () => {
      const a = await assignmentOf(newPersonKey());
      const key = randomUUID();
      const [r1, r2] = await Promise.all([
        declare({ assignmentId: a.id, month: '2026-03', hours: 35 }, key),
        declare({ assignmentId: a.id, month: '2026-03', hours: 35 }, key),
      ]);
      expect([r1.status, r2.status]).toEqual([201, 201]);
      expect(r1.body.id).toBe(r2.body.id);
      expect(await rowsFor(a.id)).toBe(1);
    });

    it('a replay after the first statement was rejected still answers the first statement and writes nothing', async () => {
      const a = await assignmentOf(newPersonKey());
      const key = randomUUID();
      const first = await declare({ assignmentId: a.id, month: '2026-03', hours: 35 }, key);
      await fac.post(`${BASE}/${first.body.id}/reject`).send({ reason: 'wrong assignment' }).expect(200);
      const replay = await declare({ assignmentId: a.id, month: '2026-03', hours: 35 }, key);
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(await rowsFor(a.id)).toBe(1);
      // The month is free again, yet the same key with another body is still refused, and writes nothing.
      const reused = await declare({ assignmentId: a.id, month: '2026-04', hours: 35 }, key);
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('idempotency_key_reused');
      expect(await rowsFor(a.id)).toBe(1);
    });

    it('supersede accepts a key too', async () => {
      const a = await assignmentOf(newPersonKey());
      const old = (await declare({ assignmentId: a.id, month: '2026-03', hours: 10 })).body;
      await fac.post(`${BASE}/${old.id}/validate`).expect(200);
      const key = randomUUID();
      const send = () => company.post(`${BASE}/${old.id}/supersede`).set('Idempotency-Key', key).send({ hours: 12, source: 'payslip' });
      const first = await send();
      const replay = await send();
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.body.id).toBe(first.body.id);
      expect(await rowsFor(a.id)).toBe(2);
    });
  });

  it('is scoped: only parties to the assignment declare, only facilitators following it decide, others get 404 (or 403 by role)', async () => {
    const a = await assignmentOf(newPersonKey());
    const s = (await declare({ assignmentId: a.id, month: '2026-03', hours: 35 })).body;
    expect(s.status).toBe('declared');

    // A company with no part in the contract, and a facilitator of another department, do not find it.
    const stranger = await t.as('company', (await f.company()).id as string);
    const west = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['92'] })).id as string);
    expect((await declare({ assignmentId: a.id, month: '2026-04', hours: 10 }, undefined, stranger)).status).toBe(404);
    expect((await declare({ assignmentId: a.id, month: '2026-04', hours: 10 }, undefined, west)).status).toBe(404);
    for (const other of [stranger, west]) {
      await other.get(`${BASE}/${s.id}`).expect(404);
      expect((await other.get(BASE).query({ assignmentId: a.id }).expect(200)).body).toMatchObject({ total: 0, items: [] });
    }
    await west.post(`${BASE}/${s.id}/validate`).expect(404);
    await west.post(`${BASE}/${s.id}/reject`).send({ reason: 'not mine' }).expect(404);
    // The declaring company may not decide on its own statement; a buyer never reaches hours.
    await company.post(`${BASE}/${s.id}/validate`).expect(403);
    await company.post(`${BASE}/${s.id}/reject`).send({ reason: 'oops' }).expect(403);
    const buyer = await t.as('buyer', authorityId);
    await buyer.get(`${BASE}/${s.id}`).expect(403);
    await buyer.post(BASE).send({ assignmentId: a.id, month: '2026-04', hours: 10, source: 'company_statement' }).expect(403);
    expect(await rowsFor(a.id)).toBe(1);
    expect((await fac.get(`${BASE}/${s.id}`).expect(200)).body.status).toBe('declared');

    // The facilitator structure that registered the person follows them too, wherever they work.
    const [{ registered_by_id }] = await t.ds.query('SELECT registered_by_id FROM beneficiaries WHERE id = $1', [a.beneficiaryId]);
    expect((await (await t.as('facilitator', registered_by_id)).get(`${BASE}/${s.id}`).expect(200)).body.id).toBe(s.id);
  });

  it('concurrent statements for one person-month that together pass the cap: exactly one is accepted', async () => {
    const person = newPersonKey();
    const assignments = [await assignmentOf(person), await assignmentOf(person), await assignmentOf(person)];
    // Any two of these exceed 212.57 h; without the person-month lock several could pass the check at once.
    const results = await Promise.all(assignments.map((a) => declare({ assignmentId: a.id, month: '2026-03', hours: 110 })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    for (const refused of results.filter((r) => r.status === 422)) {
      expect(refused.body).toMatchObject({ code: 'legal_monthly_cap', context: { currentHours: 110 } });
    }
    let rows = 0;
    for (const a of assignments) rows += await rowsFor(a.id);
    expect(rows).toBe(1);
  });

  it('lists with filters and pagination', async () => {
    const person = newPersonKey();
    const a = await assignmentOf(person);
    for (const month of ['2026-01', '2026-02', '2026-03']) await declare({ assignmentId: a.id, month, hours: 10 });
    const page = await company.get(BASE).query({ beneficiaryId: a.beneficiaryId, from: '2026-02', to: '2026-03', pageSize: 1 }).expect(200);
    expect(page.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(page.body.items.map((s: { month: string }) => s.month)).toEqual(['2026-02']);
    const byContract = await company.get(BASE).query({ contractId: a.contractId, status: 'declared' }).expect(200);
    expect(byContract.body.total).toBe(3);
    expect((await company.get(BASE).query({ from: '2026-3' })).status).toBe(400);
  });
});
