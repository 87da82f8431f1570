import { randomUUID } from 'node:crypto';
import { systemActor } from '../../src/access/actor';
import { runWithActor } from '../../src/access/request-context';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { IdentityCipher } from '../../src/beneficiaries/identity-cipher';
import { computeReportFigures as computeAs, consolidateRegion as consolidateAs } from '../../src/reports/figures/compute-report-figures';
import { ReportFigures } from '../../src/reports/figures/report-figures';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

/** The test app's identity key (the development default, as in the factories). */
const cipher = new IdentityCipher(loadConfig({}).IDENTITY_ENCRYPTION_KEY);

/** The figures are computed as the report worker computes them: as the system, over the whole scope. */
const asWorker = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => (...args: A) => runWithActor(systemActor('worker'), () => fn(...args));
const computeReportFigures = asWorker(computeAs);
const consolidateRegion = asWorker(consolidateAs);

/**
 * Two departments of Île-de-France (region 11): 93 and 92. Person P works in both (one person key,
 * registered by two structures), Q only in 93, R in 93 without any criterion (not eligible), B only
 * in 92, in January and April, neither in the period. Period: February–March 2026; January only
 * counts in the cumulative figures, April nowhere.
 */
describe('Report figures (department and regional consolidation)', () => {
  let t: TestApp;
  const config = Object.assign(new AppConfig(), { FTE_REFERENCE_HOURS: 1607 });
  const period = { from: '2026-02-01', to: '2026-03-31' };
  const watermark = 'test-watermark';
  let c93: string;
  let c92: string;
  const identities: string[] = [];
  let d93: ReportFigures;
  let d92: ReportFigures;
  let region: ReportFigures;
  /** The compliance endpoints are read by the regional staff of Île-de-France, who sees every contract of the region. */
  let regional: AuthedHttp;

  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    // The factories' return types are partial: read ids through this.
    const id = async (p: Promise<{ id?: string }>) => (await p).id as string;
    const authority = await id(f.organisation({ name: 'Société des Grands Travaux Publics' }));
    const holder = await id(f.company({ size: 'large' }));
    const s93 = await id(f.facilitatorStructure({ departmentCodes: ['93'] }));
    const s92 = await id(f.facilitatorStructure({ departmentCodes: ['92'] }));
    regional = await t.as('regional_staff', await id(f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] })));
    c93 = await id(f.contract({ contractingAuthorityId: authority, holderId: holder, executionDepartmentCode: '93', reference: 'R-93' }));
    c92 = await id(f.contract({ contractingAuthorityId: authority, holderId: holder, executionDepartmentCode: '92', reference: 'R-92' }));
    await f.insertionClause(c93, { targetMode: 'fixed', fixedHoursX100: 100_000 });
    await f.insertionClause(c92, { targetMode: 'fixed', fixedHoursX100: 50_000 });
    await f.smeClause(c93, 0.2);

    const personP = randomUUID().replace(/-/g, '').padEnd(64, '0');
    // Each person has a distinct identity, encrypted as the service stores it: none of it may reach a report.
    const person = async (structure: string, o: Record<string, unknown> & { birthDate: string }, eligible = true) => {
      const beneficiaryId = randomUUID();
      const { birthDate, ...rest } = o;
      const identity = { lastName: `Nom${randomUUID().slice(0, 6)}`, firstName: `Prénom${randomUUID().slice(0, 6)}`, birthDate };
      const b = (await f.beneficiary({ registeredById: structure, id: beneficiaryId, identityEnc: cipher.encrypt(beneficiaryId, identity), ...rest })) as { id: string; code: string };
      identities.push(identity.lastName, identity.firstName, b.code, identity.birthDate);
      if (eligible) await f.criterion({ beneficiaryId: b.id, criterion: 'RSA' });
      return b;
    };
    const p93 = await person(s93, { personKey: personP, sex: 'F', birthYear: 2002, birthDate: '2002-03-04', qpvResident: false });
    const p92 = await person(s92, { personKey: personP, sex: 'F', birthYear: 2002, birthDate: '2002-03-04', qpvResident: false });
    const q = await person(s93, { sex: 'M', birthYear: 1970, birthDate: '1970-07-08', qpvResident: true });
    const r = await person(s93, { sex: 'M', birthYear: 1990, birthDate: '1990-09-10' }, false);
    // Worked before the period and after it, not in it: counted to date, not in the period.
    const before = await person(s92, { sex: 'M', birthYear: 1985, birthDate: '1985-05-06', qpvResident: false });

    const assign = async (b: { id: string }, contractId: string, modality: string, startDate = '2026-01-01') =>
      ({ id: await id(f.assignment({ beneficiaryId: b.id, contractId, employerId: holder, modality: modality as 'training', startDate })), contractId });
    const aP93 = await assign(p93, c93, 'apprenticeship');
    const aQ = await assign(q, c93, 'direct_hire_cdi');
    const aR = await assign(r, c93, 'direct_hire_cdd');
    const aP92 = await assign(p92, c92, 'temp_work_etti', '2026-02-01');
    const aBefore = await assign(before, c92, 'training');
    const st = (a: { id: string; contractId: string }, month: string, hoursX100: number, status: 'validated' | 'declared' = 'validated') =>
      f.statement({ assignmentId: a.id, contractId: a.contractId, month, hoursX100, status });
    await st(aP93, '2026-01-01', 10_025);
    await st(aP93, '2026-02-01', 5_050);
    await st(aP93, '2026-03-01', 2_000, 'declared');
    await st(aQ, '2026-01-01', 8_000);
    await st(aQ, '2026-03-01', 4_075);
    await st(aP92, '2026-02-01', 3_010);
    await st(aP92, '2026-03-01', 1_234);
    await st(aR, '2026-02-01', 1_000);
    await st(aQ, '2026-04-01', 9_999); // after the period: counted nowhere
    await st(aBefore, '2026-01-01', 1_000);
    await st(aBefore, '2026-04-01', 500);

    d93 = await computeReportFigures(t.ds, config, { kind: 'department', code: '93' }, period, watermark);
    d92 = await computeReportFigures(t.ds, config, { kind: 'department', code: '92' }, period, watermark);
    // Through JSON, as the regional flow hands the departments' results to its parent.
    region = await consolidateRegion(t.ds, config, '11', period, JSON.parse(JSON.stringify([d92, d93])) as ReportFigures[], watermark);
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts the period months and the cumulative months of a department by hand', () => {
    expect(d93.scope).toEqual({ kind: 'department', code: '93', name: 'Seine-Saint-Denis' });
    expect(d93.headline.period.realisedHours).toBe(91.25); // 50.50 + 40.75
    expect(d93.headline.cumulative.realisedHours).toBe(271.5); // + January 100.25 + 80
    expect(d93.headline.cumulative.fte).toBe(0.17); // 271.50 / 1607
    expect(d93.headline.pendingHours).toBe(20);
    expect(d93.headline.notEligibleHours).toBe(10);
    expect(d93.headline.period.distinctBeneficiaries).toBe(2);
    expect(d93.contracts.map((c) => [c.reference, c.realisedHoursInPeriod, c.realisedHours])).toEqual([['R-93', 91.25, 271.5]]);
    expect(d92.headline.period.realisedHours).toBe(42.44);
    expect(d92.headline.cumulative.realisedHours).toBe(52.44); // + B's January 10.00
  });

  it('rule 1: planned hours to date of fixed clauses are their targets at the period end, never pro-rated', () => {
    // Fixed 1,000 h (93) and 500 h (92); pro-rated at 03-31 they would read 246.58 and 123.29 (× 90/365).
    expect([d93.headline.plannedHoursAtEnd, d93.headline.plannedHoursToDate]).toEqual([1000, 1000]);
    expect([d92.headline.plannedHoursAtEnd, d92.headline.plannedHoursToDate]).toEqual([500, 500]);
    expect(region.headline.plannedHoursToDate).toBe(1500);
  });

  it('gives person shares and breakdowns by hand (rule 7)', () => {
    const p = d93.headline.period;
    expect([p.shareWomen, p.shareUnder26, p.share50AndOver, p.shareQpvResidents]).toEqual([0.5, 0.5, 0.5, 0.5]);
    const modality = Object.fromEntries(d93.breakdowns.cumulative.modality.map((r) => [r.key, [r.hours, r.people, r.hoursShare]]));
    expect(modality.apprenticeship).toEqual([150.75, 1, 0.5552]); // 150.75 / 271.50
    expect(modality.direct_hire_cdi).toEqual([120.75, 1, 0.4448]);
    expect(modality.direct_hire_cdd).toEqual([0, 0, 0]); // R is not eligible
    const band = Object.fromEntries(d93.breakdowns.period.ageBand.map((r) => [r.key, [r.hours, r.people, r.peopleShare]]));
    expect(band).toEqual({ under_26: [50.5, 1, 0.5], '26_49': [0, 0, 0], '50_and_over': [40.75, 1, 0.5] });
    expect(d93.breakdowns.period.criterion.find((r) => r.key === 'RSA')).toMatchObject({ hours: 91.25, people: 2, hoursShare: 1 });
    expect(d93.breakdowns.period.exitOutcome.find((r) => r.key === 'none')).toMatchObject({ people: 2 });
  });

  it('sums regional hours from the departments exactly and recounts distinct people', () => {
    expect(region.scope).toEqual({ kind: 'region', code: '11', name: 'Île-de-France' });
    expect(region.headline.period.realisedHours).toBe(133.69);
    expect(region.headline.cumulative.realisedHours).toBe(323.94);
    // P works in both departments: counted once in the region.
    expect(d93.headline.cumulative.distinctBeneficiaries + d92.headline.cumulative.distinctBeneficiaries).toBe(4);
    expect(region.headline.cumulative.distinctBeneficiaries).toBe(3);
    // B, who worked in January and April, is not among the period's people.
    expect(region.headline.period.distinctBeneficiaries).toBe(2);
    expect(region.headline.period.shareWomen).toBe(0.5);
    expect(region.departments?.map((d) => [d.code, d.period.realisedHours, d.cumulative.distinctBeneficiaries])).toEqual([
      ['92', 42.44, 2],
      ['93', 91.25, 2],
    ]);
    expect(region.contracts.map((c) => c.reference)).toEqual(['R-92', 'R-93']);
    expect(region.contractingAuthorities).toHaveLength(1);
    expect(region.contractingAuthorities[0]).toMatchObject({ contractCount: 2, realisedHours: 323.94, plannedHoursAtEnd: 1500, smeTargetShare: 0.2 });
    const people = Object.fromEntries(region.breakdowns.period.modality.map((r) => [r.key, [r.hours, r.people]]));
    // P's earliest counted assignment (93, apprenticeship, January) gives the modality of her person count.
    expect(people.apprenticeship).toEqual([50.5, 1]);
    expect(people.temp_work_etti).toEqual([42.44, 0]);
    expect(people.training).toEqual([0, 0]);
    const toDate = Object.fromEntries(region.breakdowns.cumulative.modality.map((r) => [r.key, [r.hours, r.people]]));
    expect(toDate.training).toEqual([10, 1]);
  });

  it('computing the region directly gives the consolidation of its departments', async () => {
    const direct = await computeReportFigures(t.ds, config, { kind: 'region', code: '11' }, period, watermark);
    const strip = (f: ReportFigures) => ({ ...f, generatedAt: '', departments: f.departments?.filter((d) => d.cumulative.realisedHours > 0) });
    expect(strip(direct)).toEqual(strip(region));
  });

  it('matches the compliance endpoints at the period end', async () => {
    const dept = await regional.get('/api/v1/compliance/departments/93').query({ at: period.to }).expect(200);
    expect(dept.body.insertion.realisedHours).toBe(d93.headline.cumulative.realisedHours);
    expect(dept.body.insertion.distinctBeneficiaries).toBe(d93.headline.cumulative.distinctBeneficiaries);
    expect(dept.body.insertion.byStatus).toEqual(d93.headline.insertionClauses);
    const contract = await regional.get(`/api/v1/contracts/${c92}/compliance`).query({ at: period.to }).expect(200);
    expect(contract.body.clauses[0].realisedHours).toBe(d92.contracts[0].realisedHours);
    expect(contract.body.clauses[0].status).toBe(d92.contracts[0].insertionStatus);
    const reg = await regional.get('/api/v1/compliance/regions/11').query({ at: period.to }).expect(200);
    expect(reg.body.insertion.realisedHours).toBe(region.headline.cumulative.realisedHours);
    expect(reg.body.insertion.distinctBeneficiaries).toBe(region.headline.cumulative.distinctBeneficiaries);
  });

  it('gives the same figures again on unchanged data', async () => {
    const again = await computeReportFigures(t.ds, config, { kind: 'department', code: '93' }, period, watermark);
    expect({ ...again, generatedAt: '' }).toEqual({ ...d93, generatedAt: '' });
  });

  it('carries no personal data', () => {
    const json = JSON.stringify([d93, d92, region]);
    expect(identities.length).toBeGreaterThan(10);
    for (const value of identities) expect(json).not.toContain(value);
  });

  it('refuses an unknown department', async () => {
    await expect(computeReportFigures(t.ds, config, { kind: 'department', code: '00' }, period, watermark)).rejects.toThrow('not found');
  });
});
