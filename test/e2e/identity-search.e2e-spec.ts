import { systemActor } from '../../src/access/actor';
import { runWithActor } from '../../src/access/request-context';
import { AppConfig } from '../../src/config/app-config';
import { computeReportFigures } from '../../src/reports/figures/compute-report-figures';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

const API = '/api/v1';
const PERSON = { lastName: 'Vermandois', firstName: 'Ysaline', birthDate: '1984-07-21' };
const IDENTITY_FIELDS = ['lastName', 'firstName', 'birthDate'];

/**
 * DOMAIN.md, Beneficiary: searching by identity is a facilitator's tool that finds only its own
 * structure's registrations that still hold an identity; erasure removes the identity for good, and no
 * figure changes. No answer may depend on an identity the caller cannot read.
 */
describe('search by identity: a facilitator finds its own registrations that still hold an identity', () => {
  let t: TestApp;
  let structureA: string;
  let structureB: string;
  let contractId: string;
  let facA: AuthedHttp;
  let facB: AuthedHttp;
  let facC: AuthedHttp;
  let regional: AuthedHttp;
  let company: AuthedHttp;
  let buyer: AuthedHttp;
  let admin: AuthedHttp;
  /** The person as structures A and B each registered them. */
  let byA: { id: string; code: string };
  let byB: { id: string; code: string };

  const search = (who: AuthedHttp, identity: Record<string, string> = PERSON) => who.get(`${API}/beneficiaries`).query({ ...identity, pageSize: '500' });
  const found = async (who: AuthedHttp, identity: Record<string, string> = PERSON) =>
    ((await search(who, identity).expect(200)).body.items as { id: string }[]).map((i) => i.id).sort();

  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    structureA = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id;
    structureB = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id;
    const authority = await f.organisation({ departmentCodes: ['93'] });
    const companyId = (await f.company()).id;
    contractId = (await f.contract({ contractingAuthorityId: authority.id, holderId: companyId, startDate: '2026-01-01', endDate: '2026-12-31' })).id;
    await f.insertionClause(contractId, { targetMode: 'fixed', fixedHoursX100: 100_000 });
    const mission = await f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] });
    facA = await t.as('facilitator', structureA);
    facB = await t.as('facilitator', structureB);
    facC = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['93'] })).id);
    regional = await t.as('regional_staff', mission.id);
    company = await t.as('company', companyId);
    buyer = await t.as('buyer', authority.id);
    admin = await t.as('admin');

    // One person, registered by two structures of the department, working on a contract there for each.
    const criteria = [{ criterion: 'RQTH', validatedOn: '2025-12-01', validatedBy: 'MDPH' }];
    byA = (await facA.post(`${API}/beneficiaries`).send({ ...PERSON, sex: 'F', qpvResident: true, criteria }).expect(201)).body;
    byB = (await facB.post(`${API}/beneficiaries`).send({ ...PERSON, lastName: 'VERMANDOIS', sex: 'F', qpvResident: true, criteria }).expect(201)).body;
    for (const [fac, beneficiaryId, hours] of [[facA, byA.id, 120], [facB, byB.id, 35.5]] as const) {
      const a = await fac.post(`${API}/assignments`).send({ beneficiaryId, contractId, employerId: companyId, modality: 'direct_hire_cdd', startDate: '2026-01-05' }).expect(201);
      for (const month of ['2026-01', '2026-02']) {
        const s = await company.post(`${API}/hours-statements`).send({ assignmentId: a.body.id, month, hours, source: 'company_statement' }).expect(201);
        await fac.post(`${API}/hours-statements/${s.body.id}/validate`).expect(200);
      }
    }
  });
  afterAll(async () => t.close());

  it('refuses the identity parameters to every role but facilitators (403, the fields named), whatever the identity', async () => {
    for (const who of [regional, company]) {
      const right = await search(who).expect(403);
      expect(right.body).toMatchObject({ statusCode: 403, code: 'forbidden' });
      expect(right.body.details.map((d: { field: string }) => d.field)).toEqual(IDENTITY_FIELDS);
      // Trying birth dates one by one learns nothing: the right one answers as a wrong one does.
      const wrong = await search(who, { ...PERSON, birthDate: '1984-07-22' }).expect(403);
      expect(wrong.body).toEqual(right.body);
      // One parameter alone is refused the same way, not judged incomplete.
      const alone = await who.get(`${API}/beneficiaries`).query({ birthDate: PERSON.birthDate }).expect(403);
      expect(alone.body.details).toEqual([{ field: 'birthDate', reason: expect.any(String) }]);
    }
    // Buyers and admins see no person at all.
    for (const who of [buyer, admin]) await search(who).expect(403);
    // The same people listed without identity parameters: regional staff and the employer see them by code.
    const listed = (await regional.get(`${API}/beneficiaries`).query({ contractId }).expect(200)).body.items.map((i: { id: string }) => i.id);
    expect(listed.sort()).toEqual([byA.id, byB.id].sort());
  });

  it('finds only the registrations of the searching structure', async () => {
    expect(await found(facA)).toEqual([byA.id]);
    expect(await found(facB)).toEqual([byB.id]);
    // Structure C follows the contract and sees both registrations by code, but registered no one by that identity.
    expect((await facC.get(`${API}/beneficiaries/${byA.id}`).expect(200)).body).not.toHaveProperty('identity');
    expect(await found(facC)).toEqual([]);
    // Naming another structure does not widen the search.
    expect(await found(facB, { ...PERSON, registeredById: structureA })).toEqual([]);
    // Incomplete identity: still the facilitator's 400.
    const partial = await facA.get(`${API}/beneficiaries`).query({ lastName: PERSON.lastName }).expect(400);
    expect(partial.body).toMatchObject({ code: 'invalid_input', details: [{ field: 'lastName' }] });
  });

  describe('after erasure', () => {
    const at = '2026-06-30';
    const figures = async () => ({
      contract: (await regional.get(`${API}/contracts/${contractId}/compliance`).query({ at }).expect(200)).body,
      department: (await regional.get(`${API}/compliance/departments/93`).query({ at }).expect(200)).body,
      region: (await regional.get(`${API}/compliance/regions/11`).query({ at }).expect(200)).body,
      report: await runWithActor(systemActor('test'), async () => ({
        ...(await computeReportFigures(t.ds, t.app.get(AppConfig), { kind: 'department', code: '93' }, { from: '2026-01-01', to: at }, 'watermark')),
        generatedAt: null,
      })),
    });
    let before: Awaited<ReturnType<typeof figures>>;

    beforeAll(async () => {
      before = await figures();
      await facA.post(`${API}/beneficiaries/${byA.id}/erasure`).expect(200);
    });

    it('no search by identity finds the erased registration, by its own structure or any other', async () => {
      expect(await found(facA)).toEqual([]);
      expect(await found(facA, { lastName: 'vermandois', firstName: 'YSALINE', birthDate: PERSON.birthDate })).toEqual([]);
      expect(await found(facB)).toEqual([byB.id]);
      expect(await found(facC)).toEqual([]);
      for (const who of [regional, company]) await search(who).expect(403);
    });

    it('nor does the code that the identity gives: the erased registration no longer shares it', async () => {
      // Registering the person again hands out the code their identity gives...
      const again = (await facA.post(`${API}/beneficiaries`).send({ ...PERSON, sex: 'F', qpvResident: true }).expect(201)).body;
      expect(again.code).toBe(byB.code);
      expect(await found(facA)).toEqual([again.id]);
      // ...and that code leads to the live registrations only, for whoever searches it.
      for (const who of [facA, facB, facC, regional]) {
        const byCode = (await who.get(`${API}/beneficiaries`).query({ q: again.code }).expect(200)).body.items.map((i: { id: string }) => i.id);
        expect(byCode).not.toContain(byA.id);
      }
      const erased = (await regional.get(`${API}/beneficiaries/${byA.id}`).expect(200)).body;
      expect(erased.code).toMatch(/^B-[0-9A-F]{10}$/);
      expect(erased.code).not.toBe(byA.code);
    });

    it('no figure changes: compliance of the contract, department and region, and the report figures', async () => {
      expect(before.region.insertion).toMatchObject({ realisedHours: 311, distinctBeneficiaries: 1 });
      expect(await figures()).toEqual(before);
    });
  });
});
