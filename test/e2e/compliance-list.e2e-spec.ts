import { AppConfig } from '../../src/config/app-config';
import { loadDemoDataIfEmpty } from '../../src/demo/demo-data';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';

const AT = '2026-06-30';

/**
 * The contract list (GET /compliance/contracts, the facilitator's home) gives each insertion clause
 * its realised hours against the hours expected to date: the same figures as the contract's own page.
 */
describe('contract compliance list: realised against expected per clause', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await loadDemoDataIfEmpty(t.ds, t.app.get(AppConfig), () => undefined);
  }, 120_000);
  afterAll(async () => t.close());

  it('lists each insertion clause with the realised and expected hours of the contract page', async () => {
    const mission = await factories(t.ds).organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] });
    const macs = await t.as('regional_staff', mission.id);
    const list = await macs.get('/api/v1/compliance/contracts').query({ at: AT, departmentCode: '93', pageSize: 100 }).expect(200);
    const insertion = list.body.items.flatMap((l: { contractId: string; clauses: { kind: string }[] }) => l.clauses.filter((c) => c.kind === 'insertion_hours').map((c) => ({ contractId: l.contractId, clause: c })));
    expect(insertion.length).toBeGreaterThan(1);
    for (const { contractId, clause } of insertion) {
      const page = await macs.get(`/api/v1/contracts/${contractId}/compliance`).query({ at: AT }).expect(200);
      const full = page.body.clauses.find((c: { clauseId: string }) => c.clauseId === clause.clauseId);
      expect(clause).toMatchObject({ realisedHours: full.realisedHours, expectedToDate: full.expectedToDate, plannedHoursAtEnd: full.plannedHoursAtEnd, status: full.status });
    }
  });
});
