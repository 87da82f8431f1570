import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';
import { todayUtc } from '../../src/common/units/calendar';

const IDF = ['75', '77', '78', '91', '92', '93', '94', '95'];

describe('compliance endpoints', () => {
  let t: TestApp;
  let authorityId: string;
  let otherAuthorityId: string;
  let contractId: string;
  /** MACS Île-de-France: the regional mission reads its region and its eight departments. */
  let macs: AuthedHttp;
  /** Each contracting authority reads its own aggregate. */
  let buyer: AuthedHttp;
  let otherBuyer: AuthedHttp;

  /**
   * Île-de-France: three contracts per department in 75, 92, 93 (one per authority alternately),
   * people who work in several departments (same personKey, registered by several structures),
   * and a contract in Lyon (69) that no Île-de-France figure may include.
   */
  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    const id = async (p: Promise<{ id?: string }>) => (await p).id as string;
    authorityId = await id(f.organisation({ name: 'Département de la Seine-Saint-Denis' }));
    otherAuthorityId = await id(f.organisation({ name: 'Ville de Paris' }));
    const holder = await id(f.company());
    const keys = Array.from({ length: 5 }, () => randomUUID().replace(/-/g, '').padEnd(64, '0'));
    const registered = new Map<string, string>();
    let n = 0;
    for (const dept of ['75', '92', '93', '69']) {
      const structure = await id(f.facilitatorStructure({ departmentCodes: [dept] }));
      for (let i = 0; i < 3; i++) {
        const c = await id(f.contract({ contractingAuthorityId: i % 2 ? otherAuthorityId : authorityId, holderId: holder, executionDepartmentCode: dept, reference: `AG-${dept}-${i}` }));
        contractId ??= c;
        await f.insertionClause(c, { targetMode: 'fixed', fixedHoursX100: 50_000 });
        for (let p = 0; p < 2; p++) {
          // keys[(n + p) % 5]: the same people come back across contracts and departments.
          const key = keys[(n + p) % keys.length] as string;
          let b = registered.get(`${structure}/${key}`);
          if (!b) {
            b = await id(f.beneficiary({ registeredById: structure, personKey: key }));
            await f.criterion({ beneficiaryId: b });
            registered.set(`${structure}/${key}`, b);
          }
          const a = await id(f.assignment({ beneficiaryId: b, contractId: c, employerId: holder }));
          await f.statement({ assignmentId: a, contractId: c, month: '2026-02-01', hoursX100: 1_234 + n * 7 });
          await f.statement({ assignmentId: a, contractId: c, month: '2026-03-01', hoursX100: 2_001 + p, status: 'declared' });
        }
        n++;
      }
    }
    macs = await t.as('regional_staff', await id(f.organisation({ kind: 'regional_mission', name: 'MACS Île-de-France', regionCode: '11', departmentCodes: [] })));
    buyer = await t.as('buyer', authorityId);
    otherBuyer = await t.as('buyer', otherAuthorityId);
  });

  afterAll(() => t.close());

  const get = (path: string, who = macs) => who.get(`/api/v1${path}`);

  describe('errors', () => {
    it('404 for an unknown contract, authority, department or region', async () => {
      const unknown = randomUUID();
      const r = await get(`/contracts/${unknown}/compliance`).expect(404);
      expect(r.body).toMatchObject({ code: 'not_found', context: { entity: 'contract', id: unknown } });
      await get(`/compliance/contracting-authorities/${unknown}`).expect(404);
      await get(`/compliance/departments/00`).expect(404);
      await get(`/compliance/regions/99`).expect(404);
    });

    it('a company is not a contracting authority: 404', async () => {
      const company = await factories(t.ds).company();
      await get(`/compliance/contracting-authorities/${company.id}`).expect(404);
    });

    it.each(['2026-02-30', '2026-3-1', 'yesterday', '2026-03'])('400 naming `at` for ?at=%s', async (at) => {
      const r = await get(`/contracts/${contractId}/compliance?at=${at}`).expect(400);
      expect(r.body.details).toEqual([{ field: 'at', reason: 'doit être une date AAAA-MM-JJ' }]);
      await get(`/compliance/regions/11?at=${at}`).expect(400);
      await get(`/compliance/contracts?at=${at}`).expect(400);
    });

    it('400 for a malformed id or an unknown filter', async () => {
      await get(`/contracts/not-a-uuid/compliance`).expect(400);
      await get(`/compliance/contracting-authorities/not-a-uuid`).expect(400);
      const r = await get(`/compliance/contracts?contractingAuthorityId=nope`).expect(400);
      expect(r.body.details.map((d: { field: string }) => d.field)).toEqual(['contractingAuthorityId']);
      await get(`/compliance/contracts?department=93`).expect(400);
    });
  });

  it('without ?at the figures are as at today (UTC)', async () => {
    const r = await get(`/contracts/${contractId}/compliance`).expect(200);
    expect(r.body.at).toBe(todayUtc());
  });

  it('documents the compliance routes in the OpenAPI description', async () => {
    const r = await t.http().get('/api/docs-json').expect(200); // public, like any OpenAPI description
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining([
      '/api/v1/contracts/{id}/compliance', '/api/v1/compliance/contracts', '/api/v1/compliance/regions/{code}',
      '/api/v1/compliance/departments/{code}', '/api/v1/compliance/contracting-authorities/{id}',
    ]));
  });

  describe('aggregates at 2026-06-30', () => {
    const at = '2026-06-30';
    const hundredths = (h: number) => Math.round(h * 100);

    it('regional hours are exactly the sum of the departments; regional people at most the sum', async () => {
      const region = (await get(`/compliance/regions/11?at=${at}`).expect(200)).body;
      const depts = await Promise.all(IDF.map(async (d) => (await get(`/compliance/departments/${d}?at=${at}`).expect(200)).body));
      const sum = (f: (d: (typeof depts)[number]) => number) => depts.reduce((a, d) => a + f(d), 0);

      expect(region.contractCount).toBe(9); // 75, 92, 93 × 3; not Lyon
      expect(sum((d) => d.contractCount)).toBe(9);
      for (const field of ['realisedHours', 'pendingHours', 'notEligibleHours', 'plannedHoursAtEnd', 'plannedHoursToDate'] as const) {
        expect(hundredths(region.insertion[field])).toBe(sum((d) => hundredths(d.insertion[field])));
      }
      // Contract number n = 0..8 in Île-de-France, 2 people each validated (12.34 + 0.07 n) h in February:
      // 2 × (9 × 12.34 + 0.07 × 36) = 227.16 h. Pending: 9 × (20.01 + 20.02) = 360.27 h.
      expect(region.insertion.realisedHours).toBe(227.16);
      expect(region.insertion.pendingHours).toBe(360.27);
      const peopleSum = sum((d) => d.insertion.distinctBeneficiaries);
      expect(region.insertion.distinctBeneficiaries).toBeLessThan(peopleSum);
      expect(region.insertion.distinctBeneficiaries).toBe(5); // the five person keys
      expect(peopleSum).toBe(12); // 4 keys in each of 75, 92, 93
      expect(region.insertion.byStatus.on_track + region.insertion.byStatus.at_risk + region.insertion.byStatus.behind).toBe(9);
    });

    it('the authority aggregate covers its own contracts, in every department', async () => {
      const mine = (await get(`/compliance/contracting-authorities/${authorityId}?at=${at}`, buyer).expect(200)).body;
      const theirs = (await get(`/compliance/contracting-authorities/${otherAuthorityId}?at=${at}`, otherBuyer).expect(200)).body;
      expect(mine.contractCount).toBe(8); // i = 0 and 2 in four departments (Lyon included)
      expect(theirs.contractCount).toBe(4);
      expect(new Set(mine.contracts.map((c: { departmentCode: string }) => c.departmentCode))).toEqual(new Set(['69', '75', '92', '93']));
      expect(mine.contracts.every((c: { contractingAuthority: { id: string } }) => c.contractingAuthority.id === authorityId)).toBe(true);
      expect(hundredths(mine.insertion.realisedHours) + hundredths(theirs.insertion.realisedHours)).toBe(
        mine.contracts.concat(theirs.contracts).reduce((a: number, c: { realisedHours: number }) => a + hundredths(c.realisedHours), 0),
      );
      // A buyer does not read another authority's figures (never confirming it exists).
      await get(`/compliance/contracting-authorities/${otherAuthorityId}?at=${at}`, buyer).expect(404);
    });

    it('each reader counts only the contracts it sees', async () => {
      // The regional mission reads the authority's figures within Île-de-France: i = 0 and 2 in 75, 92, 93, not Lyon.
      const fromMacs = (await get(`/compliance/contracting-authorities/${authorityId}?at=${at}`).expect(200)).body;
      expect(fromMacs.contractCount).toBe(6);
      expect(fromMacs.contracts.map((c: { departmentCode: string }) => c.departmentCode)).not.toContain('69');
      // The buyer reads the region restricted to its own contracts; the department 93 facilitator to 93's.
      const buyerRegion = (await get(`/compliance/regions/11?at=${at}`, buyer).expect(200)).body;
      expect(buyerRegion.contractCount).toBe(6);
      expect(buyerRegion.contracts.every((c: { contractingAuthority: { id: string } }) => c.contractingAuthority.id === authorityId)).toBe(true);
      const facilitator93 = await t.as('facilitator', (await factories(t.ds).facilitatorStructure({ departmentCodes: ['93'] })).id!);
      const facRegion = (await get(`/compliance/regions/11?at=${at}`, facilitator93).expect(200)).body;
      const macs93 = (await get(`/compliance/departments/93?at=${at}`).expect(200)).body;
      expect(facRegion.contractCount).toBe(3);
      expect(facRegion.insertion.realisedHours).toBe(macs93.insertion.realisedHours);
      await get(`/compliance/departments/92?at=${at}`, facilitator93).expect(404);
      // A company reads no aggregate.
      const company = await t.as('company', (await factories(t.ds).company()).id!);
      await get(`/compliance/regions/11?at=${at}`, company).expect(403);
    });
  });
});
