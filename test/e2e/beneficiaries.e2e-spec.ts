import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

describe('beneficiaries', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  let plie: { id: string };
  let mde: { id: string };
  /** Facilitators of each structure: a structure registers its own people. */
  let plieFac: AuthedHttp;
  let mdeFac: AuthedHttp;

  const person = (o: Record<string, unknown> = {}) => ({
    registeredById: plie.id, lastName: 'Dupont', firstName: 'Élodie', birthDate: '1990-05-04', sex: 'F', qpvResident: true, ...o,
  });
  const count = async (table: string) => Number((await t.ds.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    f = factories(t.ds);
    plie = { id: (await f.facilitatorStructure()).id! };
    mde = { id: (await f.facilitatorStructure()).id! };
    plieFac = await t.as('facilitator', plie.id);
    mdeFac = await t.as('facilitator', mde.id);
  });
  afterAll(async () => t.close());

  it('registers a person with criteria, derives birth year and pseudonymous code, keeps identity apart', async () => {
    const res = await plieFac.post('/api/v1/beneficiaries').send(person({
      lastName: 'Benali', firstName: 'Karim', birthDate: '1985-11-30', sex: 'M', communeCode: '93066', educationLevel: 'cap_bep',
      criteria: [
        { criterion: 'RSA', validatedOn: '2026-01-10', validatedBy: 'Conseillère PLIE', validUntil: '2026-12-31' },
        { criterion: 'OTHER_VALIDATED', validatedOn: '2026-01-12', validatedBy: 'Chargé de mission', reason: 'Sortie de détention' },
      ],
    })).expect(201);
    expect(res.body).toMatchObject({
      code: expect.stringMatching(/^B-[0-9A-F]{10}$/), sex: 'M', birthYear: 1985, communeCode: '93066', qpvResident: true, educationLevel: 'cap_bep',
      registeredById: plie.id, identity: { lastName: 'Benali', firstName: 'Karim', birthDate: '1985-11-30' },
    });
    expect(res.body).not.toHaveProperty('personKey');
    expect(res.body.criteria.map((c: { criterion: string }) => c.criterion)).toEqual(['RSA', 'OTHER_VALIDATED']);
    const got = await plieFac.get(`/api/v1/beneficiaries/${res.body.id}`).expect(200);
    expect(got.body).toEqual(res.body);
    const [{ person_key }] = await t.ds.query('SELECT person_key FROM beneficiaries WHERE id = $1', [res.body.id]);
    expect(res.body.code).toBe(`B-${person_key.slice(0, 10).toUpperCase()}`);
    // Another structure, with no assignment of this person in sight, does not find them at all.
    await mdeFac.get(`/api/v1/beneficiaries/${res.body.id}`).expect(404);
    expect((await mdeFac.get('/api/v1/beneficiaries').query({ registeredById: plie.id }).expect(200)).body.total).toBe(0);
  });

  it('writes nothing when one criterion is bad (OTHER_VALIDATED without reason)', async () => {
    const before = [await count('beneficiaries'), await count('eligibility_criteria')];
    const res = await plieFac.post('/api/v1/beneficiaries').send(person({
      lastName: 'Sans', firstName: 'Raison',
      criteria: [
        { criterion: 'RSA', validatedOn: '2026-01-10', validatedBy: 'PLIE' },
        { criterion: 'OTHER_VALIDATED', validatedOn: '2026-01-10', validatedBy: 'PLIE', reason: '   ' },
      ],
    })).expect(400);
    expect(res.body.details).toContainEqual({ field: 'criteria.1.reason', reason: expect.stringContaining('OTHER_VALIDATED') });
    expect([await count('beneficiaries'), await count('eligibility_criteria')]).toEqual(before);
  });

  it('refuses a criterion that expires before it was validated', async () => {
    const before = await count('beneficiaries');
    const res = await plieFac.post('/api/v1/beneficiaries').send(person({
      lastName: 'Expire', criteria: [{ criterion: 'DELD', validatedOn: '2026-03-01', validatedBy: 'FT', validUntil: '2026-02-28' }],
    })).expect(400);
    expect(res.body.details).toContainEqual({ field: 'criteria.0.validUntil', reason: 'doit être le même jour que validatedOn ou après' });
    expect(await count('beneficiaries')).toBe(before);
  });

  it('registers for the caller\'s own structure only: another registrant (a company, another structure) is 403, a company may not register (403)', async () => {
    const before = await count('beneficiaries');
    const company = await f.company();
    const res = await plieFac.post('/api/v1/beneficiaries').send(person({ registeredById: company.id, lastName: 'Nulle' })).expect(403);
    expect(res.body).toMatchObject({ code: 'forbidden', details: [{ field: 'registeredById' }] });
    const foreign = await plieFac.post('/api/v1/beneficiaries').send(person({ registeredById: mde.id, lastName: 'Nulle' })).expect(403);
    expect(foreign.body).toMatchObject({ code: 'forbidden', details: [{ field: 'registeredById' }] });
    await (await t.as('company', company.id)).post('/api/v1/beneficiaries').send(person({ registeredById: undefined, lastName: 'Nulle' })).expect(403);
    expect(await count('beneficiaries')).toBe(before);
    // Without registeredById, the person is registered for the caller's structure.
    const own = await mdeFac.post('/api/v1/beneficiaries').send(person({ registeredById: undefined, lastName: 'Défaut' })).expect(201);
    expect(own.body).toMatchObject({ registeredById: mde.id, identity: { lastName: 'Défaut' } });
  });

  it('refuses bad fields with 400 naming them', async () => {
    const res = await plieFac.post('/api/v1/beneficiaries').send(person({ sex: 'X', communeCode: '9306', birthDate: '1990-02-30' })).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['birthDate', 'communeCode', 'sex']);
  });

  it('treats spelling variants of one identity as the same person: 409 in the same structure, same key in another', async () => {
    const first = await plieFac.post('/api/v1/beneficiaries').send(person({ lastName: 'Saint-Denis', firstName: 'Élodie', birthDate: '1992-03-15' })).expect(201);
    const again = await plieFac.post('/api/v1/beneficiaries').send(person({ lastName: ' saint  denis ', firstName: 'ELODIE', birthDate: '1992-03-15' })).expect(409);
    expect(again.body).toMatchObject({ code: 'duplicate', details: [{ field: 'identity' }] });

    const other = await mdeFac.post('/api/v1/beneficiaries').send(person({ registeredById: mde.id, lastName: 'SAINT DENIS', firstName: 'elodie', birthDate: '1992-03-15' })).expect(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect(other.body.code).toBe(first.body.code);
    const keys = await t.ds.query('SELECT DISTINCT person_key FROM beneficiaries WHERE id = ANY($1)', [[first.body.id, other.body.id]]);
    expect(keys).toHaveLength(1);

    // A different birth date is a different person.
    const twin = await plieFac.post('/api/v1/beneficiaries').send(person({ lastName: 'Saint-Denis', firstName: 'Élodie', birthDate: '1992-03-16' })).expect(201);
    expect(twin.body.code).not.toBe(first.body.code);
  });

  it('adds and lists criteria, and updates the attributes that may change', async () => {
    const b = await plieFac.post('/api/v1/beneficiaries').send(person({ lastName: 'Ajout', qpvResident: false })).expect(201);
    await plieFac.post(`/api/v1/beneficiaries/${b.body.id}/criteria`).send({ criterion: 'OTHER_VALIDATED', validatedOn: '2026-02-01', validatedBy: 'PLIE' }).expect(400);
    const added = await plieFac.post(`/api/v1/beneficiaries/${b.body.id}/criteria`).send({ criterion: 'RQTH', validatedOn: '2026-02-01', validatedBy: 'MDPH' }).expect(201);
    expect(added.body).toMatchObject({ criterion: 'RQTH', validatedOn: '2026-02-01', validatedBy: 'MDPH', validUntil: null });
    const listed = await plieFac.get(`/api/v1/beneficiaries/${b.body.id}/criteria`).expect(200);
    expect(listed.body).toEqual([added.body]);

    const patched = await plieFac.patch(`/api/v1/beneficiaries/${b.body.id}`).send({ communeCode: '2A004', qpvResident: true, educationLevel: 'bac' }).expect(200);
    expect(patched.body).toMatchObject({ communeCode: '2A004', qpvResident: true, educationLevel: 'bac', identity: { lastName: 'Ajout' } });
    await plieFac.patch(`/api/v1/beneficiaries/${b.body.id}`).send({ qpvResident: null }).expect(400);
    await plieFac.patch(`/api/v1/beneficiaries/${b.body.id}`).send({ lastName: 'Autre' }).expect(400);
    expect((await plieFac.get(`/api/v1/beneficiaries/${b.body.id}`).expect(200)).body.identity.lastName).toBe('Ajout');
  });

  it('answers 404 for an unknown person and 400 for a malformed id', async () => {
    await plieFac.get('/api/v1/beneficiaries/6f1c1a52-1111-4d7e-9a43-0c9a4b7e0000').expect(404);
    await plieFac.get('/api/v1/beneficiaries/6f1c1a52-1111-4d7e-9a43-0c9a4b7e0000/criteria').expect(404);
    await plieFac.post('/api/v1/beneficiaries/6f1c1a52-1111-4d7e-9a43-0c9a4b7e0000/criteria').send({ criterion: 'RSA', validatedOn: '2026-02-01', validatedBy: 'X' }).expect(404);
    await plieFac.get('/api/v1/beneficiaries/not-a-uuid').expect(400);
  });

  it('is described in the OpenAPI document, identity as a separate object', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/beneficiaries', '/api/v1/beneficiaries/{id}', '/api/v1/beneficiaries/{id}/criteria']));
    expect(doc.components.schemas.BeneficiaryView.properties.identity).toBeDefined();
    expect(doc.components.schemas.CriterionInput.required).toEqual(expect.arrayContaining(['criterion', 'validatedOn', 'validatedBy']));
  });

  describe('list filters', () => {
    let structure: { id: string };
    let ids: Record<string, string>;
    let contractId: string;
    let employerId: string;
    /** A facilitator of `structure`, which registers the people listed here. */
    let structFac: AuthedHttp;

    beforeAll(async () => {
      structure = { id: (await f.facilitatorStructure()).id! };
      structFac = await t.as('facilitator', structure.id);
      const mk = async (lastName: string, criteria: unknown[]) =>
        (await structFac.post('/api/v1/beneficiaries').send(person({ registeredById: structure.id, lastName, criteria })).expect(201)).body;
      const a = await mk('Alpha', [{ criterion: 'SENIOR', validatedOn: '2026-01-01', validatedBy: 'FT' }]);
      const b = await mk('Bravo', [{ criterion: 'RSA', validatedOn: '2026-01-01', validatedBy: 'CD93' }]);
      const c = await mk('Charlie', []);
      ids = { a: a.id, b: b.id, c: c.id, codeC: c.code };
      const employer = await f.company();
      employerId = employer.id!;
      const authority = await f.organisation();
      const contract = await f.contract({ contractingAuthorityId: authority.id!, holderId: employer.id! });
      contractId = contract.id!;
      await f.assignment({ beneficiaryId: b.id, contractId, employerId: employer.id! });
    });

    const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

    it('filters by registering structure, with total and pagination', async () => {
      const all = await structFac.get('/api/v1/beneficiaries').query({ registeredById: structure.id }).expect(200);
      expect(idsOf(all.body)).toEqual([ids.a, ids.b, ids.c].sort());
      const page2 = await structFac.get('/api/v1/beneficiaries').query({ registeredById: structure.id, pageSize: 2, page: 2 }).expect(200);
      expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page2.body.items).toHaveLength(1);
    });

    it('filters by criterion, by contract and by code', async () => {
      const senior = await structFac.get('/api/v1/beneficiaries').query({ registeredById: structure.id, criterion: 'SENIOR' }).expect(200);
      expect(idsOf(senior.body)).toEqual([ids.a]);
      const onContract = await structFac.get('/api/v1/beneficiaries').query({ contractId }).expect(200);
      expect(idsOf(onContract.body)).toEqual([ids.b]);
      expect(onContract.body.items[0].criteria).toHaveLength(1);
      const byCode = await structFac.get('/api/v1/beneficiaries').query({ q: ids.codeC.slice(2, 9).toLowerCase() }).expect(200);
      expect(idsOf(byCode.body)).toContain(ids.c);
      expect(byCode.body.items.every((i: { code: string }) => i.code.includes(ids.codeC.slice(2, 9)))).toBe(true);
    });

    it('shows others a person pseudonymously, only through an assignment they see; only the registering structure changes the record', async () => {
      const pseudonymous = (v: Record<string, unknown>) => {
        expect(v).toMatchObject({ id: ids.b, registeredById: structure.id, sex: 'F', ageBand: '26_49', qpvResident: true });
        for (const field of ['identity', 'birthYear', 'communeCode', 'educationLevel']) expect(v).not.toHaveProperty(field);
      };
      // Another structure of the department sees Bravo, who works on a contract executed there, but not the others.
      const plieView = await plieFac.get(`/api/v1/beneficiaries/${ids.b}`).expect(200);
      pseudonymous(plieView.body);
      expect(plieView.body.criteria).toHaveLength(1);
      expect(idsOf((await plieFac.get('/api/v1/beneficiaries').query({ registeredById: structure.id }).expect(200)).body)).toEqual([ids.b]);
      await plieFac.get(`/api/v1/beneficiaries/${ids.a}`).expect(404);
      // It may not change what it sees (403), nor what it does not (404); nothing changes.
      await plieFac.patch(`/api/v1/beneficiaries/${ids.b}`).send({ qpvResident: false }).expect(403);
      await plieFac.post(`/api/v1/beneficiaries/${ids.b}/criteria`).send({ criterion: 'ASS', validatedOn: '2026-02-01', validatedBy: 'FT' }).expect(403);
      await plieFac.post(`/api/v1/beneficiaries/${ids.b}/erasure`).expect(403);
      await plieFac.patch(`/api/v1/beneficiaries/${ids.a}`).send({ qpvResident: false }).expect(404);
      const own = await structFac.get(`/api/v1/beneficiaries/${ids.b}`).expect(200);
      expect(own.body).toMatchObject({ qpvResident: true, erasedAt: null, identity: { lastName: 'Bravo' } });
      expect(own.body.criteria).toHaveLength(1);

      // The employer sees the person it employs by code only; a structure of another department sees nobody.
      const employer = await t.as('company', employerId);
      pseudonymous((await employer.get(`/api/v1/beneficiaries/${ids.b}`).expect(200)).body);
      expect(idsOf((await employer.get('/api/v1/beneficiaries').query({ contractId }).expect(200)).body)).toEqual([ids.b]);
      await employer.get(`/api/v1/beneficiaries/${ids.c}`).expect(404);
      const elsewhere = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['92'] })).id);
      await elsewhere.get(`/api/v1/beneficiaries/${ids.b}`).expect(404);
      // Buyers never reach people.
      await (await t.as('buyer', (await f.organisation()).id)).get(`/api/v1/beneficiaries/${ids.b}`).expect(403);
    });

    it('refuses an unknown filter value', async () => {
      await structFac.get('/api/v1/beneficiaries').query({ criterion: 'NOPE' }).expect(400);
    });
  });
});
