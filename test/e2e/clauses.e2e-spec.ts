import { randomUUID } from 'node:crypto';
import { Clause, ClauseTerms } from '../../src/clauses/clause.entity';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

describe('clauses and amendments', () => {
  let t: TestApp;
  let contractId: string;
  /** A buyer of the contract's authority: writes the clauses of its own contracts. */
  let buyer: AuthedHttp;
  /** A buyer of another authority: the contract is outside its scope. */
  let otherBuyer: AuthedHttp;
  /** The holder: reads the clauses of its contract, may not write them. */
  let holderCompany: AuthedHttp;
  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    const ca = (await f.organisation()) as { id: string };
    const holder = (await f.company()) as { id: string };
    contractId = ((await f.contract({ contractingAuthorityId: ca.id, holderId: holder.id, amountCents: 100_000_000, startDate: '2026-01-01', endDate: '2026-12-31' })) as { id: string }).id;
    buyer = await t.as('buyer', ca.id);
    otherBuyer = await t.as('buyer', (await f.organisation()).id);
    holderCompany = await t.as('company', holder.id);
  });
  afterAll(async () => t.close());

  const post = (body: object) => buyer.post(`/api/v1/contracts/${contractId}/clauses`).send(body);
  const rows = async () => ({ clauses: await t.ds.getRepository(Clause).count(), terms: await t.ds.getRepository(ClauseTerms).count() });

  it('creates a fixed insertion clause with decimal hours and its original terms, and reads it back', async () => {
    const res = await post({ kind: 'insertion_hours', label: 'CCAP art. 9', targetMode: 'fixed', fixedHours: 1234.5, penaltyCentsPerHour: 4500 }).expect(201);
    expect(res.body).toMatchObject({ contractId, kind: 'insertion_hours', label: 'CCAP art. 9' });
    expect(res.body.currentTerms).toMatchObject({ effectiveFrom: null, targetMode: 'fixed', fixedHours: 1234.5, penaltyCentsPerHour: 4500, insertionRate: null });
    const stored = await t.ds.getRepository(ClauseTerms).findOneByOrFail({ clauseId: res.body.id });
    expect(stored.fixedHoursX100).toBe(123450);
    const got = await buyer.get(`/api/v1/clauses/${res.body.id}`).expect(200);
    expect(got.body.terms).toHaveLength(1);
    expect(got.body.currentTerms.fixedHours).toBe(1234.5);
  });

  it('creates formula, percent_of_hours, per_amount_invoiced, sme_share and reserved clauses; the contract lists them', async () => {
    const formula = await post({ kind: 'insertion_hours', targetMode: 'formula', labourShare: 0.5, insertionRate: 0.05, hourlyCostCents: 3000 }).expect(201);
    expect(formula.body.currentTerms).toMatchObject({ labourShare: 0.5, insertionRate: 0.05, hourlyCostCents: 3000, fixedHours: null });
    await post({ kind: 'insertion_hours', targetMode: 'percent_of_hours', insertionRate: 0.1 }).expect(201);
    await post({ kind: 'insertion_hours', targetMode: 'per_amount_invoiced', centsPerHour: 100_000 }).expect(201);
    const sme = await post({ kind: 'sme_share', smeMinShare: 0.2 }).expect(201);
    expect(sme.body.currentTerms).toMatchObject({ smeMinShare: 0.2, targetMode: null });
    const reserved = await post({ kind: 'reserved', reservation: 'siae_L2113_13' }).expect(201);
    expect(reserved.body.currentTerms.reservation).toBe('siae_L2113_13');

    const list = await buyer.get(`/api/v1/contracts/${contractId}/clauses`).expect(200);
    const ids = list.body.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([formula.body.id, sme.body.id, reserved.body.id]));
    const detail = await buyer.get(`/api/v1/contracts/${contractId}`).expect(200);
    expect(detail.body.clauses.map((c: { id: string }) => c.id)).toEqual(ids);
  });

  it('refuses an insertion clause missing the inputs of its mode: 422 with one detail per field, nothing written', async () => {
    const before = await rows();
    const res = await post({ kind: 'insertion_hours', targetMode: 'formula', insertionRate: 0.05 }).expect(422);
    expect(res.body.code).toBe('target_mode_inputs_missing');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['hourlyCostCents', 'labourShare']);
    const fixed = await post({ kind: 'insertion_hours', targetMode: 'fixed' }).expect(422);
    expect(fixed.body.details).toEqual([expect.objectContaining({ field: 'fixedHours' })]);
    const noMode = await post({ kind: 'insertion_hours' }).expect(422);
    expect(noMode.body).toMatchObject({ code: 'target_mode_inputs_missing', details: [{ field: 'targetMode' }] });
    expect(await rows()).toEqual(before);
  });

  it('refuses sme_share without its share and reserved without its basis (422)', async () => {
    const sme = await post({ kind: 'sme_share' }).expect(422);
    expect(sme.body).toMatchObject({ code: 'sme_min_share_missing', details: [{ field: 'smeMinShare' }] });
    const reserved = await post({ kind: 'reserved' }).expect(422);
    expect(reserved.body).toMatchObject({ code: 'reservation_missing', details: [{ field: 'reservation' }] });
  });

  it.each([
    ['fixedHours', { kind: 'insertion_hours', targetMode: 'percent_of_hours', insertionRate: 0.05, fixedHours: 100 }],
    ['insertionRate', { kind: 'sme_share', smeMinShare: 0.2, insertionRate: 0.05 }],
    ['targetMode', { kind: 'reserved', reservation: 'ea_esat_L2113_12', targetMode: 'fixed' }],
    ['smeMinShare', { kind: 'insertion_hours', targetMode: 'fixed', fixedHours: 10, smeMinShare: 0.2 }],
  ])('refuses %s where it does not belong with 400', async (field, body) => {
    const res = await post(body).expect(400);
    expect(res.body).toMatchObject({ code: 'field_not_applicable', details: [{ field }] });
  });

  it.each([
    ['insertionRate', { kind: 'insertion_hours', targetMode: 'percent_of_hours', insertionRate: 1.5 }],
    ['fixedHours', { kind: 'insertion_hours', targetMode: 'fixed', fixedHours: 10.123 }],
    ['hourlyCostCents', { kind: 'insertion_hours', targetMode: 'formula', labourShare: 0.5, insertionRate: 0.05, hourlyCostCents: 0 }],
    ['kind', { kind: 'green', smeMinShare: 0.2 }],
    ['unknownField', { kind: 'sme_share', smeMinShare: 0.2, unknownField: 1 }],
  ])('refuses malformed %s with 400', async (field, body) => {
    const res = await post(body).expect(400);
    expect(res.body.code).toBe('invalid_input');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('answers 404 for a clause on an unknown contract, and for an unknown clause', async () => {
    await buyer.post(`/api/v1/contracts/${randomUUID()}/clauses`).send({ kind: 'sme_share', smeMinShare: 0.2 }).expect(404);
    await buyer.get(`/api/v1/contracts/${randomUUID()}/clauses`).expect(404);
    expect((await buyer.get(`/api/v1/clauses/${randomUUID()}`).expect(404)).body.code).toBe('not_found');
  });

  it("is scoped to the contract: another authority's buyer gets 404 everywhere, the holder reads but may not write (403)", async () => {
    const clause = (await post({ kind: 'sme_share', smeMinShare: 0.3 }).expect(201)).body;
    const before = await rows();
    await otherBuyer.get(`/api/v1/clauses/${clause.id}`).expect(404);
    await otherBuyer.get(`/api/v1/contracts/${contractId}/clauses`).expect(404);
    await otherBuyer.post(`/api/v1/contracts/${contractId}/clauses`).send({ kind: 'sme_share', smeMinShare: 0.2 }).expect(404);
    await otherBuyer.post(`/api/v1/clauses/${clause.id}/amendments`).send({ effectiveFrom: '2026-05-01', smeMinShare: 0.4, reason: 'x' }).expect(404);

    expect((await holderCompany.get(`/api/v1/clauses/${clause.id}`).expect(200)).body.currentTerms.smeMinShare).toBe(0.3);
    await holderCompany.post(`/api/v1/contracts/${contractId}/clauses`).send({ kind: 'sme_share', smeMinShare: 0.2 }).expect(403);
    await holderCompany.post(`/api/v1/clauses/${clause.id}/amendments`).send({ effectiveFrom: '2026-05-01', smeMinShare: 0.4, reason: 'x' }).expect(403);
    expect(await rows()).toEqual(before);
  });

  describe('amendments', () => {
    let clauseId: string;
    beforeAll(async () => {
      clauseId = (await post({ kind: 'insertion_hours', targetMode: 'fixed', fixedHours: 1000 }).expect(201)).body.id;
    });
    const amend = (body: object) => buyer.post(`/api/v1/clauses/${clauseId}/amendments`).send(body);

    it('adds terms from a date, keeping the original untouched, history ordered by date', async () => {
      await amend({ effectiveFrom: '2026-09-01', targetMode: 'fixed', fixedHours: 2000, reason: 'Avenant 2' }).expect(201);
      const res = await amend({ effectiveFrom: '2026-04-01', targetMode: 'percent_of_hours', insertionRate: 0.1, reason: 'Avenant 1' }).expect(201);
      expect(res.body.terms.map((x: { effectiveFrom: string | null }) => x.effectiveFrom)).toEqual([null, '2026-04-01', '2026-09-01']);
      expect(res.body.terms[0]).toMatchObject({ targetMode: 'fixed', fixedHours: 1000, reason: null });
      expect(res.body.terms[1]).toMatchObject({ targetMode: 'percent_of_hours', insertionRate: 0.1, fixedHours: null, reason: 'Avenant 1' });
      expect(res.body.terms[2]).toMatchObject({ fixedHours: 2000, reason: 'Avenant 2' });
      const got = await buyer.get(`/api/v1/clauses/${clauseId}`).expect(200);
      expect(got.body.terms).toHaveLength(3);
      expect(await t.ds.getRepository(ClauseTerms).countBy({ clauseId })).toBe(3);
    });

    it('refuses a second amendment on the same date with 409', async () => {
      const res = await amend({ effectiveFrom: '2026-09-01', targetMode: 'fixed', fixedHours: 3000, reason: 'doublon' }).expect(409);
      expect(res.body.details[0].field).toBe('effectiveFrom');
      const got = await buyer.get(`/api/v1/clauses/${clauseId}`).expect(200);
      expect(got.body.terms.find((x: { effectiveFrom: string }) => x.effectiveFrom === '2026-09-01').fixedHours).toBe(2000);
    });

    it('refuses an effective date outside the contract with 422', async () => {
      for (const effectiveFrom of ['2025-12-31', '2027-01-01']) {
        const res = await amend({ effectiveFrom, targetMode: 'fixed', fixedHours: 10, reason: 'hors contrat' }).expect(422);
        expect(res.body).toMatchObject({ code: 'amendment_outside_contract', details: [{ field: 'effectiveFrom' }] });
      }
    });

    it('refuses incomplete terms (422), foreign fields (400), and a missing reason or date (400)', async () => {
      const incomplete = await amend({ effectiveFrom: '2026-10-01', targetMode: 'formula', labourShare: 0.5, reason: 'x' }).expect(422);
      expect(incomplete.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['hourlyCostCents', 'insertionRate']);
      const foreign = await amend({ effectiveFrom: '2026-10-01', targetMode: 'fixed', fixedHours: 5, smeMinShare: 0.3, reason: 'x' }).expect(400);
      expect(foreign.body.details[0].field).toBe('smeMinShare');
      const noReason = await amend({ effectiveFrom: '2026-10-01', targetMode: 'fixed', fixedHours: 5 }).expect(400);
      expect(noReason.body.details.map((d: { field: string }) => d.field)).toContain('reason');
      const badDate = await amend({ effectiveFrom: '2026-02-30', targetMode: 'fixed', fixedHours: 5, reason: 'x' }).expect(400);
      expect(badDate.body.details[0].field).toBe('effectiveFrom');
      expect(await t.ds.getRepository(ClauseTerms).countBy({ clauseId })).toBe(3);
    });

    it('answers 404 for an amendment to an unknown clause', async () => {
      await buyer.post(`/api/v1/clauses/${randomUUID()}/amendments`).send({ effectiveFrom: '2026-05-01', targetMode: 'fixed', fixedHours: 5, reason: 'x' }).expect(404);
    });
  });
});
