import { randomUUID } from 'node:crypto';
import { Contract, ContractParty } from '../../src/contracts/contract.entity';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

interface Org {
  id: string;
}

describe('operations and contracts', () => {
  let t: TestApp;
  let authority: Org;
  let holder: Org;
  let sme: Org;
  let large: Org;
  /** A buyer of `authority`: creates and manages its own authority's contracts. */
  let buyer: AuthedHttp;
  /** A facilitator structure covering 94, where the contracts below are executed. */
  let facilitator: AuthedHttp;
  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    authority = (await f.organisation({ name: 'Société des grands projets' })) as Org;
    holder = (await f.company({ name: 'Major BTP', size: 'large' })) as Org;
    sme = (await f.company({ name: 'Petite Maçonnerie', size: 'micro' })) as Org;
    large = (await f.company({ name: 'Grand Terrassement', size: 'large' })) as Org;
    buyer = await t.as('buyer', authority.id);
    facilitator = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['94'] })).id);
  });
  afterAll(async () => t.close());

  const body = (o: object = {}) => ({
    reference: `L15S-${randomUUID().slice(0, 6)}`, title: 'Génie civil lot T2A', cpvCode: '45221000-2', contractingAuthorityId: authority.id, holderId: holder.id,
    amountCents: 500_000_000_00, notificationDate: '2025-12-15', startDate: '2026-01-01', endDate: '2027-12-31', executionDepartmentCode: '94',
    socialConsiderations: ['Clause sociale'], ...o,
  });
  const post = (o: object = {}, as: AuthedHttp = buyer) => as.post('/api/v1/contracts').send(body(o));
  const count = () => t.ds.getRepository(Contract).count();

  describe('operations', () => {
    it('creates an operation for a contracting authority, reads and lists it by authority', async () => {
      const res = await buyer.post('/api/v1/operations').send({ name: 'Ligne 15 Sud', contractingAuthorityId: authority.id }).expect(201);
      expect(res.body).toMatchObject({ name: 'Ligne 15 Sud', description: null, contractingAuthorityId: authority.id });
      expect((await buyer.get(`/api/v1/operations/${res.body.id}`).expect(200)).body.name).toBe('Ligne 15 Sud');
      const other = await factories(t.ds).organisation();
      const otherBuyer = await t.as('buyer', other.id);
      await otherBuyer.post('/api/v1/operations').send({ name: 'Autre', contractingAuthorityId: other.id }).expect(201);
      const list = await buyer.get('/api/v1/operations').query({ contractingAuthorityId: authority.id }).expect(200);
      expect(list.body.items.map((o: { name: string }) => o.name)).toEqual(['Ligne 15 Sud']);
      expect(list.body.total).toBe(1);
      // Each buyer sees its own authority's operations only, and may create none for another authority.
      expect((await buyer.get('/api/v1/operations').expect(200)).body.items.map((o: { name: string }) => o.name)).toEqual(['Ligne 15 Sud']);
      await otherBuyer.get(`/api/v1/operations/${res.body.id}`).expect(404);
      const foreign = await otherBuyer.post('/api/v1/operations').send({ name: 'Intrus', contractingAuthorityId: authority.id }).expect(403);
      expect(foreign.body.details[0].field).toBe('contractingAuthorityId');
    });

    it('refuses an operation whose authority is a company (422) and answers 404 for an unknown id', async () => {
      const res = await facilitator.post('/api/v1/operations').send({ name: 'X', contractingAuthorityId: holder.id }).expect(422);
      expect(res.body.details[0].field).toBe('contractingAuthorityId');
      await buyer.get(`/api/v1/operations/${randomUUID()}`).expect(404);
    });
  });

  describe('create and read', () => {
    it('creates a contract with its co-contractor and subcontractor, and reads them back with company name and size', async () => {
      const res = await post({
        parties: [
          { companyId: sme.id, role: 'subcontractor', subcontractedAmountCents: 12_000_000_00, declaredOn: '2026-02-01' },
          { companyId: large.id, role: 'co_contractor' },
        ],
      }).expect(201);
      expect(res.body).toMatchObject({ title: 'Génie civil lot T2A', cpvCode: '45221000-2', amountCents: 500_000_000_00, startDate: '2026-01-01', endDate: '2027-12-31', executionDepartmentCode: '94' });
      const got = await buyer.get(`/api/v1/contracts/${res.body.id}`).expect(200);
      expect(got.body.parties).toHaveLength(2);
      expect(got.body.parties).toEqual(expect.arrayContaining([
        expect.objectContaining({ companyId: sme.id, companyName: 'Petite Maçonnerie', companySize: 'micro', role: 'subcontractor', subcontractedAmountCents: 12_000_000_00, declaredOn: '2026-02-01' }),
        expect.objectContaining({ companyId: large.id, companyName: 'Grand Terrassement', companySize: 'large', role: 'co_contractor', subcontractedAmountCents: null }),
      ]));
      expect(got.body.clauses).toEqual([]);
      expect(got.body.socialConsiderations).toEqual(['Clause sociale']);
      // The subcontractor sees the contract it works on; a company with no part in it does not.
      expect((await (await t.as('company', sme.id)).get(`/api/v1/contracts/${res.body.id}`).expect(200)).body.id).toBe(res.body.id);
      await (await t.as('company', (await factories(t.ds).company()).id)).get(`/api/v1/contracts/${res.body.id}`).expect(404);
    });

    it('creates for its own authority as a buyer and in its departments as a facilitator; refuses otherwise with 403, writing nothing', async () => {
      expect((await post({}, facilitator).expect(201)).body.contractingAuthorityId).toBe(authority.id);
      const before = await count();
      const other = await factories(t.ds).organisation();
      const foreign = await post({ contractingAuthorityId: other.id }).expect(403);
      expect(foreign.body).toMatchObject({ code: 'forbidden', details: [{ field: 'contractingAuthorityId' }] });
      const elsewhere = await post({ executionDepartmentCode: '93' }, facilitator).expect(403);
      expect(elsewhere.body).toMatchObject({ code: 'forbidden', details: [{ field: 'executionDepartmentCode' }] });
      await post({}, await t.as('company', holder.id)).expect(403);
      expect(await count()).toBe(before);
    });

    it('writes nothing when one party is not a company', async () => {
      const before = await count();
      const parties = await t.ds.getRepository(ContractParty).count();
      const res = await post({ parties: [{ companyId: sme.id, role: 'subcontractor' }, { companyId: authority.id, role: 'co_contractor' }] }).expect(422);
      expect(res.body).toMatchObject({ code: 'not_a_company', details: [{ field: 'parties.1.companyId' }] });
      expect(await count()).toBe(before);
      expect(await t.ds.getRepository(ContractParty).count()).toBe(parties);
    });

    it('writes nothing when the same company is listed twice (409)', async () => {
      const before = await count();
      const res = await post({ parties: [{ companyId: sme.id, role: 'subcontractor' }, { companyId: sme.id, role: 'co_contractor' }] }).expect(409);
      expect(res.body.details[0].field).toBe('companyId');
      expect(await count()).toBe(before);
    });

    it('refuses the holder as one of its own parties', async () => {
      const res = await post({ parties: [{ companyId: holder.id, role: 'co_contractor' }] }).expect(422);
      expect(res.body).toMatchObject({ code: 'holder_as_party', details: [{ field: 'parties.0.companyId' }] });
    });

    // A buyer may only name its own authority, so the not-an-authority case is a facilitator's request.
    it.each([
      ['contractingAuthorityId', () => ({ contractingAuthorityId: holder.id }), 'not_a_contracting_authority', 'facilitator'],
      ['holderId', () => ({ holderId: authority.id }), 'not_a_company', 'buyer'],
      ['holderId', () => ({ holderId: randomUUID() }), 'unknown_organisation', 'buyer'],
      ['executionDepartmentCode', () => ({ executionDepartmentCode: '99' }), 'unknown_department', 'buyer'],
      ['endDate', () => ({ startDate: '2026-06-01', endDate: '2026-05-31' }), 'end_before_start', 'buyer'],
      ['operationId', () => ({ operationId: randomUUID() }), 'unknown_operation', 'buyer'],
    ])('refuses with 422 on %s (%#)', async (field, change, code, by) => {
      const before = await count();
      const res = await post(change(), by === 'facilitator' ? facilitator : buyer).expect(422);
      expect(res.body).toMatchObject({ code, details: [{ field }] });
      expect(await count()).toBe(before);
    });

    it.each([
      ['cpvCode', { cpvCode: '4500000' }],
      ['cpvCode', { cpvCode: '45000000-77' }],
      ['amountCents', { amountCents: -1 }],
      ['amountCents', { amountCents: 10.5 }],
      ['socialConsiderations', { socialConsiderations: ['Clause verte'] }],
      ['endDate', { endDate: '2026-02-30' }],
      ['parties.0.role', { parties: [{ companyId: randomUUID(), role: 'holder' }] }],
    ])('refuses malformed %s with 400', async (field, change) => {
      const res = await post(change).expect(400);
      expect(res.body.code).toBe('invalid_input');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('accepts a CPV code without its check digit', async () => {
      expect((await post({ cpvCode: '45000000' }).expect(201)).body.cpvCode).toBe('45000000');
    });

    it('refuses a duplicate reference for the same authority (409) but accepts it for another', async () => {
      const reference = `DUP-${randomUUID().slice(0, 6)}`;
      await post({ reference }).expect(201);
      const res = await post({ reference }).expect(409);
      expect(res.body.details[0].field).toBe('reference');
      const other = await factories(t.ds).organisation();
      await post({ reference, contractingAuthorityId: other.id }, await t.as('buyer', other.id)).expect(201);
    });

    it('answers 404 for an unknown contract', async () => {
      expect((await buyer.get(`/api/v1/contracts/${randomUUID()}`).expect(404)).body.code).toBe('not_found');
    });
  });

  describe('update and parties', () => {
    it('updates title, end date, amount, notification date and social considerations', async () => {
      const c = await factories(t.ds).contract({ contractingAuthorityId: authority.id, holderId: holder.id });
      const res = await buyer.patch(`/api/v1/contracts/${c.id}`)
        .send({ title: 'Nouveau titre', endDate: '2027-06-30', amountCents: 42, notificationDate: '2025-11-30', socialConsiderations: ['Clause sociale', 'Critère social'] })
        .expect(200);
      expect(res.body).toMatchObject({ title: 'Nouveau titre', endDate: '2027-06-30', amountCents: 42, notificationDate: '2025-11-30', socialConsiderations: ['Clause sociale', 'Critère social'] });
      const got = await buyer.get(`/api/v1/contracts/${c.id}`).expect(200);
      expect(got.body).toMatchObject({ title: 'Nouveau titre', endDate: '2027-06-30', amountCents: 42 });
      // Another authority's buyer does not see it (404); the holder reads it but may not change it (403).
      await (await t.as('buyer', (await factories(t.ds).organisation()).id)).patch(`/api/v1/contracts/${c.id}`).send({ title: 'Intrus' }).expect(404);
      const holderCompany = await t.as('company', holder.id);
      await holderCompany.patch(`/api/v1/contracts/${c.id}`).send({ title: 'Intrus' }).expect(403);
      expect((await holderCompany.get(`/api/v1/contracts/${c.id}`).expect(200)).body.title).toBe('Nouveau titre');
    });

    it('refuses an end date before the start (422 endDate) and fields that cannot change (400)', async () => {
      const c = await factories(t.ds).contract({ contractingAuthorityId: authority.id, holderId: holder.id, startDate: '2026-01-01' });
      const res = await buyer.patch(`/api/v1/contracts/${c.id}`).send({ endDate: '2025-12-31' }).expect(422);
      expect(res.body).toMatchObject({ code: 'end_before_start', details: [{ field: 'endDate' }] });
      const holderChange = await buyer.patch(`/api/v1/contracts/${c.id}`).send({ holderId: sme.id }).expect(400);
      expect(holderChange.body.details[0].field).toBe('holderId');
      expect((await buyer.get(`/api/v1/contracts/${c.id}`).expect(200)).body.endDate).toBe('2026-12-31');
    });

    it('clears the notification date with null but refuses null for a field that cannot be cleared', async () => {
      const c = await factories(t.ds).contract({ contractingAuthorityId: authority.id, holderId: holder.id, notificationDate: '2025-12-01' });
      expect((await buyer.patch(`/api/v1/contracts/${c.id}`).send({ notificationDate: null }).expect(200)).body.notificationDate).toBeNull();
      const res = await buyer.patch(`/api/v1/contracts/${c.id}`).send({ title: null }).expect(400);
      expect(res.body.details[0].field).toBe('title');
    });

    it('refuses to end the contract before one of its clause amendments takes effect', async () => {
      const f = factories(t.ds);
      const c = (await f.contract({ contractingAuthorityId: authority.id, holderId: holder.id, startDate: '2026-01-01', endDate: '2026-12-31' })) as { id: string };
      const clause = (await f.insertionClause(c.id, { targetMode: 'fixed', fixedHoursX100: 100_00 })) as { id: string };
      await f.amendment(clause.id, '2026-10-01', { targetMode: 'fixed', fixedHoursX100: 200_00 });
      const res = await buyer.patch(`/api/v1/contracts/${c.id}`).send({ endDate: '2026-09-30' }).expect(422);
      expect(res.body).toMatchObject({ code: 'amendment_after_end', details: [{ field: 'endDate' }] });
      expect((await buyer.patch(`/api/v1/contracts/${c.id}`).send({ endDate: '2026-10-01' }).expect(200)).body.endDate).toBe('2026-10-01');
    });

    it('adds a subcontractor, refuses a non-company and a duplicate, then removes it', async () => {
      const c = await factories(t.ds).contract({ contractingAuthorityId: authority.id, holderId: holder.id });
      const added = await buyer.post(`/api/v1/contracts/${c.id}/parties`).send({ companyId: sme.id, role: 'subcontractor', subcontractedAmountCents: 5_000_00 }).expect(201);
      expect(added.body).toMatchObject({ companyId: sme.id, companyName: 'Petite Maçonnerie', companySize: 'micro', subcontractedAmountCents: 5_000_00 });
      const dup = await buyer.post(`/api/v1/contracts/${c.id}/parties`).send({ companyId: sme.id, role: 'co_contractor' }).expect(409);
      expect(dup.body.details[0].field).toBe('companyId');
      const notCompany = await buyer.post(`/api/v1/contracts/${c.id}/parties`).send({ companyId: authority.id, role: 'subcontractor' }).expect(422);
      expect(notCompany.body.details[0].field).toBe('companyId');
      expect((await buyer.get(`/api/v1/contracts/${c.id}`).expect(200)).body.parties).toHaveLength(1);

      await buyer.delete(`/api/v1/contracts/${c.id}/parties/${added.body.id}`).expect(204);
      expect((await buyer.get(`/api/v1/contracts/${c.id}`).expect(200)).body.parties).toEqual([]);
      await buyer.delete(`/api/v1/contracts/${c.id}/parties/${added.body.id}`).expect(404);
    });
  });

  describe('list', () => {
    let ca: Org;
    let h2: Org;
    let ids: Record<string, string>;
    /** A buyer of `ca`, whose contracts are listed. */
    let caBuyer: AuthedHttp;
    beforeAll(async () => {
      const f = factories(t.ds);
      ca = (await f.organisation({ name: 'Département du Nord' })) as Org;
      h2 = (await f.company()) as Org;
      caBuyer = await t.as('buyer', ca.id);
      const op = await caBuyer.post('/api/v1/operations').send({ name: 'Campus', contractingAuthorityId: ca.id }).expect(201);
      const mk = async (o: Partial<Contract>) => (await f.contract({ contractingAuthorityId: ca.id, holderId: holder.id, ...o })) as { id: string };
      ids = {
        paris2026: (await mk({ reference: 'P-2026', title: 'Voirie Paris', executionDepartmentCode: '75', startDate: '2026-01-01', endDate: '2026-12-31', operationId: op.body.id })).id,
        nord2026: (await mk({ reference: 'N-2026', title: 'Collège de Lille', executionDepartmentCode: '59', startDate: '2026-01-01', endDate: '2026-06-30' })).id,
        nord2027: (await mk({ reference: 'N-2027', title: 'Collège de Douai', executionDepartmentCode: '59', startDate: '2027-01-01', endDate: '2027-12-31', holderId: h2.id })).id,
      };
    });
    const list = async (q: object) => {
      const res = await caBuyer.get('/api/v1/contracts').query({ contractingAuthorityId: ca.id, ...q }).expect(200);
      return (res.body.items as { id: string }[]).map((c) => c.id).sort();
    };

    it('filters by authority, department, region, holder, operation, activity date and text', async () => {
      expect(await list({})).toEqual([ids.paris2026, ids.nord2026, ids.nord2027].sort());
      expect(await list({ executionDepartmentCode: '59' })).toEqual([ids.nord2026, ids.nord2027].sort());
      expect(await list({ regionCode: '11' })).toEqual([ids.paris2026]);
      expect(await list({ regionCode: '32' })).toEqual([ids.nord2026, ids.nord2027].sort());
      expect(await list({ holderId: h2.id })).toEqual([ids.nord2027]);
      const opId = (await t.ds.getRepository(Contract).findOneByOrFail({ id: ids.paris2026 })).operationId;
      expect(await list({ operationId: opId })).toEqual([ids.paris2026]);
      expect(await list({ activeOn: '2026-09-01' })).toEqual([ids.paris2026]);
      expect(await list({ activeOn: '2026-06-30' })).toEqual([ids.paris2026, ids.nord2026].sort());
      expect(await list({ q: 'collège' })).toEqual([ids.nord2026, ids.nord2027].sort());
      expect(await list({ q: 'n-2027' })).toEqual([ids.nord2027]);
    });

    it('paginates with the total of the filtered rows', async () => {
      const p1 = await caBuyer.get('/api/v1/contracts').query({ contractingAuthorityId: ca.id, pageSize: 2, page: 1 }).expect(200);
      const p2 = await caBuyer.get('/api/v1/contracts').query({ contractingAuthorityId: ca.id, pageSize: 2, page: 2 }).expect(200);
      expect(p1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(p1.body.items).toHaveLength(2);
      expect(p2.body.items).toHaveLength(1);
      const all = [...p1.body.items, ...p2.body.items].map((c: { id: string }) => c.id).sort();
      expect(all).toEqual(Object.values(ids).sort());
    });

    it('lists only the contracts in the caller\'s scope', async () => {
      const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id).sort();
      const nord = await t.as('facilitator', (await factories(t.ds).facilitatorStructure({ departmentCodes: ['59'] })).id);
      expect(idsOf(await nord.get('/api/v1/contracts').query({ contractingAuthorityId: ca.id }).expect(200))).toEqual([ids.nord2026, ids.nord2027].sort());
      await nord.get(`/api/v1/contracts/${ids.paris2026}`).expect(404);
      const h2Company = await t.as('company', h2.id);
      expect(idsOf(await h2Company.get('/api/v1/contracts').expect(200))).toEqual([ids.nord2027]);
      await h2Company.get(`/api/v1/contracts/${ids.nord2026}`).expect(404);
      const stranger = await buyer.get('/api/v1/contracts').query({ contractingAuthorityId: ca.id }).expect(200);
      expect(stranger.body).toMatchObject({ total: 0, items: [] });
    });

    it('refuses a malformed filter with 400', async () => {
      const res = await caBuyer.get('/api/v1/contracts').query({ activeOn: '2026-13-01' }).expect(400);
      expect(res.body.details[0].field).toBe('activeOn');
    });
  });
});
