import { Role } from '../../src/access/actor';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

describe('territories (reference data)', () => {
  let t: TestApp;
  /** Reference data: any signed-in role reads it; the tests read as a company, the narrowest role. */
  let api: AuthedHttp;
  beforeAll(async () => {
    t = await startTestApp();
    api = await t.as('company', (await factories(t.ds).company()).id);
  });
  afterAll(async () => t.close());

  it('lists every INSEE region, overseas included', async () => {
    const res = await api.get('/api/v1/regions').expect(200);
    const codes = res.body.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['11', '84', '01', '04']));
    expect(res.body.find((r: { code: string }) => r.code === '11')).toEqual({ code: '11', name: 'Île-de-France', zone: 'metro' });
  });

  it('reads one region, and answers 404 for an unknown code', async () => {
    expect((await api.get('/api/v1/regions/11').expect(200)).body.name).toBe('Île-de-France');
    const res = await api.get('/api/v1/regions/99').expect(404);
    expect(res.body.code).toBe('not_found');
  });

  it('filters departments by region: the eight of Île-de-France', async () => {
    const res = await api.get('/api/v1/departments').query({ regionCode: '11' }).expect(200);
    expect(res.body.map((d: { code: string }) => d.code).sort()).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
    const all = await api.get('/api/v1/departments').expect(200);
    expect(all.body.length).toBeGreaterThan(100);
    expect(all.body.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['2A', '2B', '971', '976']));
  });

  it('reads one department, and answers 404 for an unknown code', async () => {
    expect((await api.get('/api/v1/departments/93').expect(200)).body).toMatchObject({ code: '93', name: 'Seine-Saint-Denis', regionCode: '11' });
    const res = await api.get('/api/v1/departments/20').expect(404);
    expect(res.body.code).toBe('not_found');
  });

  it('is readable by every signed-in role, and by no anonymous caller (401)', async () => {
    const f = factories(t.ds);
    const organisationOf: Record<Role, () => Promise<string | null>> = {
      admin: async () => null,
      regional_staff: async () => (await f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] })).id!,
      facilitator: async () => (await f.facilitatorStructure({ departmentCodes: ['75'] })).id!,
      buyer: async () => (await f.organisation()).id!,
      company: async () => (await f.company()).id!,
    };
    for (const role of Object.keys(organisationOf) as Role[]) {
      const as = await t.as(role, await organisationOf[role]());
      expect([role, (await as.get('/api/v1/regions/11')).status]).toEqual([role, 200]);
      expect([role, (await as.get('/api/v1/departments').query({ regionCode: '11' })).status]).toEqual([role, 200]);
    }
    for (const url of ['/api/v1/regions', '/api/v1/regions/11', '/api/v1/departments', '/api/v1/departments/93']) {
      const res = await t.http().get(url);
      expect([url, res.status]).toEqual([url, 401]);
    }
  });
});
