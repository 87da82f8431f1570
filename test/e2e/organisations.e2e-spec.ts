import { startTestApp, TestApp } from '../helpers/app';
import { factories, makeSiret } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

/** A SIRET whose Luhn check fails: the valid one with its last digit shifted. */
function badSiret(): string {
  const s = makeSiret();
  return s.slice(0, 13) + String((Number(s[13]) + 1) % 10);
}

describe('organisations', () => {
  let t: TestApp;
  /** Organisations are managed by admins. */
  let admin: AuthedHttp;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
  });
  afterAll(async () => t.close());

  const post = (body: object) => admin.post('/api/v1/organisations').send(body);

  it('creates a company with its size and inclusion type, and reads it back', async () => {
    const siret = makeSiret();
    const res = await post({ kind: 'company', name: 'Bâtiments du 93', siret, size: 'small', inclusionType: 'EI', departmentCodes: ['93'] }).expect(201);
    expect(res.body).toMatchObject({ kind: 'company', name: 'Bâtiments du 93', siret, size: 'small', inclusionType: 'EI', departmentCodes: ['93'], regionCode: null });
    const got = await admin.get(`/api/v1/organisations/${res.body.id}`).expect(200);
    expect(got.body).toMatchObject({ id: res.body.id, siret, size: 'small', inclusionType: 'EI' });
  });

  it("accepts La Poste's establishments, which do not follow Luhn", async () => {
    // SIREN 356000000: digit sum 15, a multiple of 5, though the Luhn sum is not a multiple of 10.
    const res = await post({ kind: 'contracting_authority', name: 'La Poste', siret: '35600000000001' }).expect(201);
    expect(res.body.siret).toBe('35600000000001');
  });

  it('refuses a SIRET failing its check digit with 400 on field siret', async () => {
    const res = await post({ kind: 'contracting_authority', name: 'X', siret: badSiret() }).expect(400);
    expect(res.body.code).toBe('invalid_input');
    expect(res.body.details).toEqual([{ field: 'siret', reason: 'la clé de contrôle du SIRET est fausse' }]);
  });

  it('refuses a duplicate SIRET with 409', async () => {
    const siret = makeSiret();
    await post({ kind: 'contracting_authority', name: 'Ville A', siret }).expect(201);
    const res = await post({ kind: 'contracting_authority', name: 'Ville B', siret }).expect(409);
    expect(res.body.code).toBe('duplicate');
    expect(res.body.details[0].field).toBe('siret');
  });

  it('refuses a company without size (422) and a size on a non-company (400)', async () => {
    const noSize = await post({ kind: 'company', name: 'Sans taille', siret: makeSiret() }).expect(422);
    expect(noSize.body.code).toBe('company_size_required');
    expect(noSize.body.details[0].field).toBe('size');
    const sized = await post({ kind: 'contracting_authority', name: 'Ville', siret: makeSiret(), size: 'small' }).expect(400);
    expect(sized.body.details[0].field).toBe('size');
  });

  it('requires an existing region for a regional mission', async () => {
    const missing = await post({ kind: 'regional_mission', name: 'MACS', siret: makeSiret() }).expect(422);
    expect(missing.body).toMatchObject({ code: 'region_required', details: [{ field: 'regionCode' }] });
    const unknown = await post({ kind: 'regional_mission', name: 'MACS', siret: makeSiret(), regionCode: '99' }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'unknown_region', details: [{ field: 'regionCode' }] });
    const ok = await post({ kind: 'regional_mission', name: 'MACS Île-de-France', siret: makeSiret(), regionCode: '11' }).expect(201);
    expect(ok.body.regionCode).toBe('11');
  });

  it('refuses unknown department codes with 422 naming them', async () => {
    const res = await post({ kind: 'facilitator_structure', name: 'PLIE', siret: makeSiret(), departmentCodes: ['93', '20', '99'] }).expect(422);
    expect(res.body.code).toBe('unknown_department');
    expect(res.body.details[0].field).toBe('departmentCodes');
    expect(res.body.details[0].reason).toContain('20, 99');
  });

  it('updates name, size, inclusion type and departments; refuses unknown departments', async () => {
    const c = await factories(t.ds).company({ size: 'large' });
    const res = await admin.patch(`/api/v1/organisations/${c.id}`).send({ name: 'Renamed', size: 'medium', inclusionType: 'ETTI', departmentCodes: ['92', '93'] }).expect(200);
    expect(res.body).toMatchObject({ name: 'Renamed', size: 'medium', inclusionType: 'ETTI', departmentCodes: ['92', '93'] });
    expect((await admin.get(`/api/v1/organisations/${c.id}`).expect(200)).body).toMatchObject({ name: 'Renamed', size: 'medium' });
    const bad = await admin.patch(`/api/v1/organisations/${c.id}`).send({ departmentCodes: ['00'] }).expect(422);
    expect(bad.body.details[0].field).toBe('departmentCodes');
    const kept = await admin.get(`/api/v1/organisations/${c.id}`).expect(200);
    expect(kept.body.departmentCodes).toEqual(['92', '93']);
    const nullName = await admin.patch(`/api/v1/organisations/${c.id}`).send({ name: null }).expect(400);
    expect(nullName.body.details[0].field).toBe('name');
    const siretChange = await admin.patch(`/api/v1/organisations/${c.id}`).send({ siret: makeSiret() }).expect(400);
    expect(siretChange.body.details[0].field).toBe('siret');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await admin.get('/api/v1/organisations/7c1e0b3e-3f1b-4bd4-9d35-2a0f5f0b6a11').expect(404)).body.code).toBe('not_found');
    await admin.get('/api/v1/organisations/not-a-uuid').expect(400);
  });

  it('lets buyers and facilitators register companies, and nothing else; others may not create', async () => {
    const f = factories(t.ds);
    const facilitator = await t.as('facilitator', (await f.facilitatorStructure()).id);
    const buyer = await t.as('buyer', (await f.organisation()).id);
    const company = await t.as('company', (await f.company()).id);
    await facilitator.post('/api/v1/organisations').send({ kind: 'company', name: 'Sous-traitant 93', siret: makeSiret(), size: 'micro' }).expect(201);
    await buyer.post('/api/v1/organisations').send({ kind: 'company', name: 'Titulaire', siret: makeSiret(), size: 'large' }).expect(201);
    const refused = await facilitator.post('/api/v1/organisations').send({ kind: 'contracting_authority', name: 'Ville', siret: makeSiret() }).expect(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', details: [{ field: 'kind' }] });
    await company.post('/api/v1/organisations').send({ kind: 'company', name: 'X', siret: makeSiret(), size: 'micro' }).expect(403);
    await facilitator.patch(`/api/v1/organisations/${(await f.company()).id}`).send({ name: 'Renamed' }).expect(403);
    // Organisations are public registry data: every role reads them.
    await company.get('/api/v1/organisations').expect(200);
    await t.http().get('/api/v1/organisations').expect(401);
  });

  describe('list', () => {
    const tag = `Zeta${Date.now()}`;
    beforeAll(async () => {
      const f = factories(t.ds);
      await f.facilitatorStructure({ name: `${tag} PLIE Est`, departmentCodes: ['93'] });
      await f.facilitatorStructure({ name: `${tag} PLIE Ouest`, departmentCodes: ['92'] });
      await f.company({ name: `${tag} BTP`, departmentCodes: ['93'] });
    });

    it('filters by name (case-insensitive), kind and department, and paginates', async () => {
      const byName = await admin.get('/api/v1/organisations').query({ q: tag.toLowerCase() }).expect(200);
      expect(byName.body.total).toBe(3);
      const byKind = await admin.get('/api/v1/organisations').query({ q: tag, kind: 'facilitator_structure' }).expect(200);
      expect(byKind.body.items.map((o: { name: string }) => o.name)).toEqual([`${tag} PLIE Est`, `${tag} PLIE Ouest`]);
      const byDep = await admin.get('/api/v1/organisations').query({ q: tag, departmentCode: '92' }).expect(200);
      expect(byDep.body.items.map((o: { name: string }) => o.name)).toEqual([`${tag} PLIE Ouest`]);

      const p1 = await admin.get('/api/v1/organisations').query({ q: tag, pageSize: 2, page: 1 }).expect(200);
      const p2 = await admin.get('/api/v1/organisations').query({ q: tag, pageSize: 2, page: 2 }).expect(200);
      expect(p1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(p1.body.items).toHaveLength(2);
      expect(p2.body.items).toHaveLength(1);
      expect(p2.body.items[0].id).not.toEqual(p1.body.items[0].id);
    });

    it('treats % in the search as a literal character', async () => {
      const res = await admin.get('/api/v1/organisations').query({ q: '%' }).expect(200);
      expect(res.body.total).toBe(0);
    });

    it('refuses an unknown kind filter with 400', async () => {
      const res = await admin.get('/api/v1/organisations').query({ kind: 'bank' }).expect(400);
      expect(res.body.details[0].field).toBe('kind');
    });
  });
});
