import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';
import { auditIdentity, systemActor } from '../../src/access/actor';
import { inTransaction } from '../../src/database/transaction';

/**
 * One Île-de-France scenario whose every figure is computed by hand below from DOMAIN.md, then
 * read back over HTTP to the hundredth.
 *
 * Contracts (all 2026):
 *  C1  dept 93, 1,000,000 €, 01-01..12-31 (365 days), formula 50% × 5% ÷ 30 €/h = 833 h, penalty 20 €/h;
 *      SME clause min 10%.
 *  C2  dept 92, fixed 1,000 h, amended to 250 h from 2026-07-01, 01-01..12-31.
 *  C3  dept 93, percent_of_hours 10%, 01-01..06-30 (181 days); contract hours Jan 1000, Feb 1200, Mar 800, Apr 1000.
 *  C4  dept 92, 300,000 €, per_amount_invoiced 1 h per 1,500 € → 200 h at end; invoiced Jan 30,000 €, Feb 45,000 €;
 *      plus a reserved clause.
 *
 * People (personKey):
 *  K   registered by structure S93 (b1) AND by S92 (b1bis): eligible; on C1 (b1) and C2 (b1bis).
 *  P2  eligible, on C1.  P3 criterion validated after the assignment start → not eligible, on C1.
 *  P4  criterion expired before the assignment start → not eligible, on C1.
 *  P5  eligible, on C3.  P6 eligible, on C4.
 *
 * Statements (h):
 *  C1/K   Jan 100 V, Feb 120.50 V, Mar 80 V, Jul 50 V
 *  C1/P2  Jan 10 superseded by Jan 15 V, Feb 30 rejected, Mar 40 declared
 *  C1/P3  Feb 25 V (not eligible)      C1/P4  Mar 10.25 V (not eligible)
 *  C2/K   Jan 100 V, Feb 60 V, Mar 120 V        (K: Jan 200, Feb 180.50 ≤ 192, Mar 200 ≤ 212.57: within the cap)
 *  C3/P5  Jan 90 V, Feb 100 V
 *  C4/P6  Jan 30 V, Feb 25 V
 */
describe('compliance figures: a hand-computed scenario', () => {
  let t: TestApp;
  const ids = {} as Record<'authority' | 'c1' | 'c2' | 'c3' | 'c4' | 'formula' | 'sme' | 'fixed' | 'percent' | 'invoiced' | 'reserved' | 's93', string>;
  /** Société du Grand Paris reads its contracts and its own aggregate. */
  let buyer: AuthedHttp;
  /** MACS Île-de-France reads the departmental and regional figures. */
  let macs: AuthedHttp;

  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    // Raw set-up writes are signed as the test system, as the audit log requires.
    const q = (sql: string, params: unknown[]) => inTransaction(t.ds, auditIdentity(systemActor('test')), (m) => m.query(sql, params));
    // The factories return partial entities: take the id, which saving always sets.
    const id = async (p: Promise<{ id?: string }>) => (await p).id as string;
    const authority = { id: await id(f.organisation({ kind: 'contracting_authority', name: 'Société du Grand Paris', departmentCodes: ['92', '93'] })) };
    ids.authority = authority.id;
    const holder = { id: await id(f.company({ size: 'large' })) };
    const sme = { id: await id(f.company({ size: 'small', name: 'PME Terrassement' })) };
    const large = { id: await id(f.company({ size: 'large', name: 'Grand Groupe BTP' })) };
    const s93 = { id: await id(f.facilitatorStructure({ departmentCodes: ['93'] })) };
    ids.s93 = s93.id;
    const s92 = { id: await id(f.facilitatorStructure({ departmentCodes: ['92'] })) };
    const base = { contractingAuthorityId: authority.id, holderId: holder.id, startDate: '2026-01-01', endDate: '2026-12-31' };

    const c1 = { id: await id(f.contract({ ...base, reference: 'SC-C1', amountCents: 100_000_000, executionDepartmentCode: '93' })) };
    const c2 = { id: await id(f.contract({ ...base, reference: 'SC-C2', executionDepartmentCode: '92' })) };
    const c3 = { id: await id(f.contract({ ...base, reference: 'SC-C3', endDate: '2026-06-30', executionDepartmentCode: '93' })) };
    const c4 = { id: await id(f.contract({ ...base, reference: 'SC-C4', amountCents: 30_000_000, executionDepartmentCode: '92' })) };
    Object.assign(ids, { c1: c1.id, c2: c2.id, c3: c3.id, c4: c4.id });

    ids.formula = await id(f.insertionClause(c1.id, { targetMode: 'formula', labourShare: 0.5, insertionRate: 0.05, hourlyCostCents: 3000, penaltyCentsPerHour: 2000 }));
    ids.sme = await id(f.smeClause(c1.id, 0.1));
    ids.fixed = await id(f.insertionClause(c2.id, { targetMode: 'fixed', fixedHoursX100: 100_000 }));
    await f.amendment(ids.fixed, '2026-07-01', { targetMode: 'fixed', fixedHoursX100: 25_000, reason: 'Avenant n°1' });
    ids.percent = await id(f.insertionClause(c3.id, { targetMode: 'percent_of_hours', insertionRate: 0.1 }));
    ids.invoiced = await id(f.insertionClause(c4.id, { targetMode: 'per_amount_invoiced', centsPerHour: 150_000 }));
    const [reserved] = await q(`INSERT INTO clauses (contract_id, kind) VALUES ($1, 'reserved') RETURNING id`, [c4.id]);
    await q(`INSERT INTO clause_terms (clause_id, reservation) VALUES ($1, 'siae_L2113_13')`, [reserved.id]);
    ids.reserved = reserved.id;

    const K = randomUUID().replace(/-/g, '').padEnd(64, 'k');
    const person = async (structureId: string, personKey?: string, criterion?: { validatedOn: string; validUntil?: string }) => {
      const b = { id: await id(f.beneficiary({ registeredById: structureId, ...(personKey ? { personKey } : {}) })) };
      await f.criterion({ beneficiaryId: b.id, validatedOn: criterion?.validatedOn ?? '2025-12-01', validUntil: criterion?.validUntil ?? null });
      return b;
    };
    const work = async (beneficiaryId: string, contractId: string, startDate = '2026-01-01') =>
      id(f.assignment({ beneficiaryId, contractId, employerId: holder.id, startDate, endDate: contractId === c3.id ? '2026-06-30' : '2026-12-31' }));
    const st = (assignmentId: string, contractId: string, month: string, hoursX100: number, status = 'validated', extra = {}) =>
      f.statement({ assignmentId, contractId, month: `2026-${month}-01`, hoursX100, status: status as 'validated', ...extra });

    const kOnC1 = await work((await person(s93.id, K)).id, c1.id);
    const kOnC2 = await work((await person(s92.id, K)).id, c2.id);
    const p2 = await work((await person(s93.id)).id, c1.id);
    const p3 = await work((await person(s93.id, undefined, { validatedOn: '2026-02-01' })).id, c1.id, '2026-01-15');
    const p4 = await work((await person(s93.id, undefined, { validatedOn: '2025-01-01', validUntil: '2025-12-31' })).id, c1.id);
    const p5 = await work((await person(s93.id)).id, c3.id);
    const p6 = await work((await person(s92.id)).id, c4.id);

    await st(kOnC1, c1.id, '01', 10_000);
    await st(kOnC1, c1.id, '02', 12_050);
    await st(kOnC1, c1.id, '03', 8_000);
    await st(kOnC1, c1.id, '07', 5_000);
    const old = await id(st(p2, c1.id, '01', 1_000, 'superseded'));
    await st(p2, c1.id, '01', 1_500, 'validated', { supersedesId: old });
    await st(p2, c1.id, '02', 3_000, 'rejected', { rejectionReason: 'Heures non justifiées' });
    await st(p2, c1.id, '03', 4_000, 'declared');
    await st(p3, c1.id, '02', 2_500);
    await st(p4, c1.id, '03', 1_025);
    await st(kOnC2, c2.id, '01', 10_000);
    await st(kOnC2, c2.id, '02', 6_000);
    await st(kOnC2, c2.id, '03', 12_000);
    await st(p5, c3.id, '01', 9_000);
    await st(p5, c3.id, '02', 10_000);
    await st(p6, c4.id, '01', 3_000);
    await st(p6, c4.id, '02', 2_500);

    for (const [month, h] of [['01', 100_000], ['02', 120_000], ['03', 80_000], ['04', 100_000]] as const) {
      await q(`INSERT INTO contract_monthly_hours (contract_id, month, hours_x100) VALUES ($1, $2, $3)`, [c3.id, `2026-${month}-01`, h]);
    }
    for (const [month, cents] of [['01', 3_000_000], ['02', 4_500_000]] as const) {
      await q(`INSERT INTO contract_invoiced_amounts (contract_id, month, amount_cents) VALUES ($1, $2, $3)`, [c4.id, `2026-${month}-01`, cents]);
    }
    // C1 invoiced 100,000 € + 150,000 € + 50,000 € = 300,000 € by March.
    for (const [month, cents] of [['01', 10_000_000], ['02', 15_000_000], ['03', 5_000_000]] as const) {
      await q(`INSERT INTO contract_invoiced_amounts (contract_id, month, amount_cents) VALUES ($1, $2, $3)`, [c1.id, `2026-${month}-01`, cents]);
    }
    await q(`INSERT INTO contract_parties (contract_id, company_id, role) VALUES ($1, $2, 'co_contractor'), ($1, $3, 'subcontractor')`, [c1.id, sme.id, large.id]);
    const pay = (payeeId: string, month: string, cents: number, status: string) =>
      q(`INSERT INTO payments (contract_id, payer_id, payee_id, month, amount_cents, status) VALUES ($1, $2, $3, $4, $5, $6)`, [c1.id, holder.id, payeeId, `2026-${month}-01`, cents, status]);
    await pay(sme.id, '01', 3_000_000, 'confirmed'); // 30,000 € to the SME, confirmed
    await pay(sme.id, '02', 2_000_000, 'declared'); // 20,000 € to the SME, not yet confirmed
    await pay(large.id, '02', 5_000_000, 'confirmed'); // 50,000 € to a large company: never counts
    await pay(sme.id, '07', 10_000_000, 'confirmed'); // 100,000 € in July: after D1

    buyer = await t.as('buyer', authority.id);
    macs = await t.as('regional_staff', await id(f.organisation({ kind: 'regional_mission', name: 'MACS Île-de-France', regionCode: '11', departmentCodes: [] })));
  });

  afterAll(() => t.close());

  const contract = async (id: string, at: string) => {
    const res = await buyer.get(`/api/v1/contracts/${id}/compliance?at=${at}`).expect(200);
    return res.body;
  };
  const clause = (body: { clauses: Array<{ clauseId: string }> }, id: string) => body.clauses.find((c) => c.clauseId === id) as Record<string, unknown>;

  describe('C1 formula clause', () => {
    it('at 2026-03-31: 833 h planned, realised counts only validated eligible hours of months ≤ March', async () => {
      const body = await contract(ids.c1, '2026-03-31');
      expect(body).toMatchObject({ contractId: ids.c1, reference: 'SC-C1', at: '2026-03-31', elapsedShare: 0.2466 }); // 90 / 365
      expect(clause(body, ids.formula)).toEqual({
        clauseId: ids.formula, kind: 'insertion_hours', label: null, targetMode: 'formula', termsEffectiveFrom: null,
        plannedHoursAtEnd: 833, // 1,000,000 € × 50% × 5% ÷ 30 €/h = 833.33 → 833 h
        plannedHoursToDate: 833, // rule 1: the target itself, never pro-rated
        expectedToDate: 205.4, // 833 × 90/365 = 205.397 → 205.40
        // K 100 + 120.50 + 80 (July excluded) + P2 15 (the correction; superseded 10 and rejected 30 excluded)
        realisedHours: 315.5,
        pendingHours: 40, // P2 March, declared
        notEligibleHours: 35.25, // P3 25 + P4 10.25
        completionRate: 0.3788, // 315.50 / 833 = 0.378751
        status: 'on_track', // 315.50 ≥ 205.40
        projectionAtEnd: 1279.53, // 315.50 × 365 / 90 = 1279.527
        shortfallHours: 517.5, // 833 − 315.50
        penaltyExposureCents: 1_035_000, // 517.50 h × 20 € = 10,350 €
        fte: 0.2, // 315.50 / 1607 = 0.196
        distinctBeneficiaries: 2, // K and P2; P3 and P4 are not eligible
      });
    });

    it('before the start date: not_started, nothing realised', async () => {
      const c = clause(await contract(ids.c1, '2025-12-31'), ids.formula);
      expect(c).toMatchObject({ status: 'not_started', realisedHours: 0, expectedToDate: 0, projectionAtEnd: null, shortfallHours: 833 });
    });

    it('after the end date with 365.50 h of 833 h: failed, penalty on the shortfall', async () => {
      const c = clause(await contract(ids.c1, '2027-01-15'), ids.formula);
      // realised 315.50 + July 50 = 365.50; shortfall 467.50 h × 20 € = 9,350 €
      expect(c).toMatchObject({ status: 'failed', realisedHours: 365.5, shortfallHours: 467.5, penaltyExposureCents: 935_000, expectedToDate: 833, projectionAtEnd: 365.5 });
    });
  });

  describe('C1 SME clause', () => {
    it('counts confirmed SME payments of months ≤ D only, declared ones beside, never the large company', async () => {
      const c = clause(await contract(ids.c1, '2026-03-31'), ids.sme);
      // confirmed 30,000 € ÷ 1,000,000 € = 0.03; declared 20,000 € → 0.02; progress 30,000 ÷ 300,000 invoiced = 0.10 ≥ 10%
      expect(c).toEqual({ clauseId: ids.sme, kind: 'sme_share', label: null, minShare: 0.1, confirmedShare: 0.03, declaredShare: 0.02, progressShare: 0.1, status: 'on_track' });
    });
    it('after the end, 130,000 € confirmed is 13% ≥ 10%: achieved', async () => {
      const c = clause(await contract(ids.c1, '2027-01-15'), ids.sme);
      expect(c).toMatchObject({ confirmedShare: 0.13, declaredShare: 0.02, progressShare: 0.4333, status: 'achieved' }); // 130,000 ÷ 300,000
    });
  });

  describe('C2 fixed clause with an amendment from 2026-07-01', () => {
    it('before the amendment the original 1,000 h apply: on track at 03-31, at risk at 04-30', async () => {
      const march = clause(await contract(ids.c2, '2026-03-31'), ids.fixed);
      // expected 1000 × 90/365 = 246.58; realised 100 + 60 + 120 = 280 ≥ 246.58
      expect(march).toMatchObject({ targetMode: 'fixed', termsEffectiveFrom: null, plannedHoursAtEnd: 1000, expectedToDate: 246.58, realisedHours: 280, status: 'on_track', projectionAtEnd: 1135.56, shortfallHours: 720, penaltyExposureCents: 0 });
      const april = clause(await contract(ids.c2, '2026-04-30'), ids.fixed);
      // expected 1000 × 120/365 = 328.77; 0.8 × 328.77 = 263.01 ≤ 280 < 328.77
      expect(april).toMatchObject({ expectedToDate: 328.77, realisedHours: 280, status: 'at_risk' });
      const june = clause(await contract(ids.c2, '2026-06-30'), ids.fixed);
      // expected 1000 × 181/365 = 495.89; 280 < 0.8 × 495.89 = 396.71
      expect(june).toMatchObject({ plannedHoursAtEnd: 1000, expectedToDate: 495.89, status: 'behind' });
    });

    it('from the effective date the amended 250 h apply: 280 h is achieved', async () => {
      const july = clause(await contract(ids.c2, '2026-07-01'), ids.fixed);
      // expected 250 × 182/365 = 124.66
      expect(july).toMatchObject({ termsEffectiveFrom: '2026-07-01', plannedHoursAtEnd: 250, expectedToDate: 124.66, status: 'achieved', shortfallHours: 0, completionRate: 1.12 });
    });
  });

  describe('rule 1: planned hours to date of fixed and formula clauses is the target in force at D, never pro-rated', () => {
    it('C1 formula and C2 fixed (amended from 07-01), their department and the region', async () => {
      // C1: 833 h at every date (before the start too); pro-rating is only the expected figure.
      expect(clause(await contract(ids.c1, '2025-12-31'), ids.formula)).toMatchObject({ plannedHoursToDate: 833, expectedToDate: 0 });
      expect(clause(await contract(ids.c1, '2026-03-31'), ids.formula)).toMatchObject({ plannedHoursToDate: 833, expectedToDate: 205.4 });
      // C2: 1,000 h up to 06-30 (expected 1000 × 181/365 = 495.89), 250 h from 07-01 (expected 250 × 182/365 = 124.66).
      expect(clause(await contract(ids.c2, '2026-06-30'), ids.fixed)).toMatchObject({ plannedHoursAtEnd: 1000, plannedHoursToDate: 1000, expectedToDate: 495.89 });
      expect(clause(await contract(ids.c2, '2026-07-01'), ids.fixed)).toMatchObject({ plannedHoursAtEnd: 250, plannedHoursToDate: 250, expectedToDate: 124.66 });
      // Department 92 at 06-30: C2 1,000 h + C4 invoiced to date 75,000 € ÷ 1,500 € = 50 h.
      const d92 = (await macs.get('/api/v1/compliance/departments/92?at=2026-06-30').expect(200)).body;
      expect(d92.insertion).toMatchObject({ plannedHoursAtEnd: 1200, plannedHoursToDate: 1050 });
      // Region 11 at 07-01: C1 833 + C2 250 + C3 accrued 10 % × 4,000 = 400 + C4 50 = 1,533 h.
      const region = (await macs.get('/api/v1/compliance/regions/11?at=2026-07-01').expect(200)).body;
      expect(region.insertion).toMatchObject({ plannedHoursToDate: 1533 });
    });
  });

  describe('C3 percent_of_hours clause', () => {
    it('accrues 10% of the declared contract hours of months ≤ D', async () => {
      const feb = clause(await contract(ids.c3, '2026-02-28'), ids.percent);
      // planned to date 10% × (1000 + 1200) = 220 h; realised 90 + 100 = 190 ≥ 0.8 × 220 = 176
      expect(feb).toMatchObject({ plannedHoursAtEnd: 220, plannedHoursToDate: 220, expectedToDate: 220, realisedHours: 190, status: 'at_risk', completionRate: 0.8636, fte: 0.12 });
      const march = clause(await contract(ids.c3, '2026-03-31'), ids.percent);
      // 10% × 3000 = 300 h; 190 < 240
      expect(march).toMatchObject({ plannedHoursToDate: 300, realisedHours: 190, status: 'behind', shortfallHours: 110 });
    });
    it('after the end (06-30): 190 of 400 h is failed', async () => {
      const july = clause(await contract(ids.c3, '2026-07-15'), ids.percent);
      expect(july).toMatchObject({ plannedHoursAtEnd: 400, realisedHours: 190, status: 'failed', shortfallHours: 210 });
    });
  });

  describe('C4 per_amount_invoiced clause and a reserved clause', () => {
    it('final target = amount ÷ 1,500 €, to date = invoiced ÷ 1,500 €', async () => {
      const body = await contract(ids.c4, '2026-02-28');
      // final 300,000 ÷ 1,500 = 200 h; to date 75,000 ÷ 1,500 = 50 h; realised 30 + 25 = 55 ≥ 50
      expect(clause(body, ids.invoiced)).toMatchObject({ plannedHoursAtEnd: 200, plannedHoursToDate: 50, realisedHours: 55, status: 'on_track', completionRate: 0.275, distinctBeneficiaries: 1 });
      expect(clause(body, ids.reserved)).toEqual({ clauseId: ids.reserved, kind: 'reserved', label: null, reservation: 'siae_L2113_13', status: 'not_applicable' });
    });
  });

  describe('aggregates at 2026-03-31', () => {
    const at = '2026-03-31';
    it('department 93: C1 and C3; K counted once with P2 and P5', async () => {
      const res = await macs.get(`/api/v1/compliance/departments/93?at=${at}`).expect(200);
      expect(res.body.scope).toEqual({ kind: 'department', id: '93', name: 'Seine-Saint-Denis' });
      expect(res.body.contractCount).toBe(2);
      expect(res.body.insertion).toMatchObject({
        clauseCount: 2,
        plannedHoursAtEnd: 1133, // 833 + 300 (C3 accrued to March)
        plannedHoursToDate: 1133, // 833 + 300
        realisedHours: 505.5, // C1 315.50 + C3 190
        pendingHours: 40,
        notEligibleHours: 35.25,
        fte: 0.31, // 505.50 / 1607 = 0.3146
        distinctBeneficiaries: 3, // K, P2, P5
      });
      expect(res.body.insertion.byStatus).toMatchObject({ on_track: 1, behind: 1, achieved: 0 });
      expect(res.body.sme).toMatchObject({ clauseCount: 1, byStatus: { on_track: 1 } });
      expect(res.body.contracts.map((c: { reference: string }) => c.reference)).toEqual(['SC-C1', 'SC-C3']);
      expect(res.body.contracts[0]).toMatchObject({ departmentCode: '93', plannedHoursAtEnd: 833, realisedHours: 315.5, completionRate: 0.3788, contractingAuthority: { id: ids.authority, name: 'Société du Grand Paris' } });
    });

    it('department 92: C2 and C4; K counted once there too', async () => {
      const res = await macs.get(`/api/v1/compliance/departments/92?at=${at}`).expect(200);
      // C2 280 + C4 55 = 335 h; people K and P6
      expect(res.body.insertion).toMatchObject({ clauseCount: 2, realisedHours: 335, plannedHoursAtEnd: 1200, distinctBeneficiaries: 2, pendingHours: 0, notEligibleHours: 0 });
      expect(res.body.reservedClauseCount).toBe(1);
    });

    it('region 11: hours are the sum of the departments, K is one person', async () => {
      const res = await macs.get(`/api/v1/compliance/regions/11?at=${at}`).expect(200);
      // 505.50 + 335 = 840.50 h = 0.52 FTE; people K, P2, P5, P6 = 4 (< 3 + 2)
      expect(res.body.insertion).toMatchObject({ clauseCount: 4, realisedHours: 840.5, plannedHoursAtEnd: 2333, fte: 0.52, distinctBeneficiaries: 4 });
      expect(res.body.contractCount).toBe(4);
    });

    it('the contracting authority sees its four contracts', async () => {
      const res = await buyer.get(`/api/v1/compliance/contracting-authorities/${ids.authority}?at=${at}`).expect(200);
      expect(res.body).toMatchObject({ scope: { kind: 'contracting_authority', name: 'Société du Grand Paris' }, contractCount: 4 });
      expect(res.body.insertion).toMatchObject({ realisedHours: 840.5, distinctBeneficiaries: 4 });
    });

    it('the paginated list gives the same lines, filtered', async () => {
      const res = await macs.get(`/api/v1/compliance/contracts?regionCode=11&at=${at}&pageSize=3`).expect(200);
      expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(res.body.items.map((c: { reference: string }) => c.reference)).toEqual(['SC-C1', 'SC-C2', 'SC-C3']);
      const page2 = await macs.get(`/api/v1/compliance/contracts?departmentCode=92&at=${at}&page=2&pageSize=1`).expect(200);
      expect(page2.body.total).toBe(2);
      expect(page2.body.items).toHaveLength(1);
      expect(page2.body.items[0]).toMatchObject({ reference: 'SC-C4', plannedHoursAtEnd: 200, realisedHours: 55, completionRate: 0.275 });
      expect(page2.body.items[0].clauses).toEqual([
        // Realised against expected to date: 55 h, and (30,000 € + 45,000 €) ÷ 1,500 € = 50 h.
        { clauseId: ids.invoiced, kind: 'insertion_hours', status: 'on_track', plannedHoursAtEnd: 200, completionRate: 0.275, realisedHours: 55, expectedToDate: 50 },
        { clauseId: ids.reserved, kind: 'reserved', status: 'not_applicable' },
      ]);
    });

    it('each reader counts only what it sees', async () => {
      const f = factories(t.ds);
      // Another authority's buyer: 404 on this authority, nothing of it in the departments it reads.
      const otherBuyer = await t.as('buyer', (await f.organisation({ name: 'Ville de Montreuil' })).id!);
      await otherBuyer.get(`/api/v1/compliance/contracting-authorities/${ids.authority}?at=${at}`).expect(404);
      await otherBuyer.get(`/api/v1/contracts/${ids.c1}/compliance?at=${at}`).expect(404);
      const otherD93 = (await otherBuyer.get(`/api/v1/compliance/departments/93?at=${at}`).expect(200)).body;
      expect(otherD93).toMatchObject({ contractCount: 0, insertion: { realisedHours: 0, distinctBeneficiaries: 0 } });
      // The 93 structure's facilitator reads region 11 restricted to its department: C1 and C3, 505.50 h, K, P2, P5.
      const facilitator = await t.as('facilitator', ids.s93);
      const region = (await facilitator.get(`/api/v1/compliance/regions/11?at=${at}`).expect(200)).body;
      expect(region.contractCount).toBe(2);
      expect(region.insertion).toMatchObject({ clauseCount: 2, realisedHours: 505.5, plannedHoursAtEnd: 1133, distinctBeneficiaries: 3 });
      await facilitator.get(`/api/v1/compliance/departments/92?at=${at}`).expect(404);
      await facilitator.get(`/api/v1/contracts/${ids.c2}/compliance?at=${at}`).expect(404);
    });
  });
});
