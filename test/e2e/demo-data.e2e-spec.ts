import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { loadDemoDataIfEmpty } from '../../src/demo/demo-data';
import { createTestDatabase } from '../helpers/database';

const TABLES = ['organisations', 'contracts', 'clauses', 'clause_terms', 'beneficiaries', 'eligibility_criteria', 'assignments', 'hours_statements', 'payments'];

describe('Île-de-France demo data', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  const logs: string[] = [];
  const q = async <T = Record<string, unknown>>(sql: string): Promise<T[]> => (await ds.query(sql)) as T[];
  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0].n])));

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource({ url: db.url, poolSize: 2, statementTimeoutMs: 60_000 });
    await ds.initialize();
    await loadDemoDataIfEmpty(ds, loadConfig({}), (m) => logs.push(m));
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('covers the eight departments of Île-de-France with contracts', async () => {
    const rows = await q<{ code: string }>('SELECT DISTINCT execution_department_code AS code FROM contracts ORDER BY 1');
    expect(rows.map((r) => r.code)).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
  });

  it('has every insertion target mode, SME-share and reserved clauses, and amendments', async () => {
    const modes = await q<{ m: string }>(`SELECT DISTINCT target_mode AS m FROM clause_terms WHERE target_mode IS NOT NULL ORDER BY 1`);
    expect(modes.map((r) => r.m)).toEqual(['fixed', 'formula', 'per_amount_invoiced', 'percent_of_hours']);
    const kinds = await q<{ k: string }>('SELECT DISTINCT kind AS k FROM clauses ORDER BY 1');
    expect(kinds.map((r) => r.k)).toEqual(['insertion_hours', 'reserved', 'sme_share']);
    const [{ amendments }] = await q<{ amendments: number }>('SELECT count(*)::int AS amendments FROM clause_terms WHERE effective_from IS NOT NULL');
    expect(amendments).toBeGreaterThanOrEqual(2);
    // The accruing modes have what their targets are computed from.
    const [inputs] = await q<{ hours: number; invoiced: number }>(`SELECT
      (SELECT count(*)::int FROM contract_monthly_hours) AS hours, (SELECT count(*)::int FROM contract_invoiced_amounts) AS invoiced`);
    expect(inputs.hours).toBeGreaterThan(0);
    expect(inputs.invoiced).toBeGreaterThan(0);
  });

  it('has SME co-contractors and subcontractors with confirmed, declared and disputed payments', async () => {
    const roles = await q<{ r: string }>('SELECT DISTINCT role AS r FROM contract_parties ORDER BY 1');
    expect(roles.map((r) => r.r)).toEqual(['co_contractor', 'subcontractor']);
    const statuses = await q<{ s: string }>('SELECT DISTINCT status AS s FROM payments ORDER BY 1');
    expect(statuses.map((r) => r.s)).toEqual(['confirmed', 'declared', 'disputed']);
  });

  it('has companies of every size and every inclusion type, and the Ligne 15 Sud operation', async () => {
    const sizes = await q<{ s: string }>(`SELECT DISTINCT size AS s FROM organisations WHERE kind = 'company' ORDER BY 1`);
    expect(sizes.map((r) => r.s)).toEqual(['large', 'medium', 'micro', 'small']);
    const types = await q<{ t: string }>(`SELECT DISTINCT inclusion_type AS t FROM organisations WHERE kind = 'company' ORDER BY 1`);
    expect(types.map((r) => r.t).sort()).toEqual(['ACI', 'AI', 'EA', 'EI', 'EITI', 'ESAT', 'ETTI', 'GEIQ', 'none']);
    const [l15] = await q<{ contracts: number }>(`SELECT count(c.id)::int AS contracts FROM operations o JOIN contracts c ON c.operation_id = o.id WHERE o.name = 'Ligne 15 Sud'`);
    expect(l15.contracts).toBeGreaterThanOrEqual(3);
  });

  it('has a few hundred beneficiaries, some of them registered by two structures, and non-eligible assignments', async () => {
    const [b] = await q<{ rows: number; people: number }>('SELECT count(*)::int AS rows, count(DISTINCT person_key)::int AS people FROM beneficiaries');
    expect(b.rows).toBeGreaterThanOrEqual(300);
    expect(b.rows).toBeLessThanOrEqual(400);
    expect(b.people).toBeLessThan(b.rows);
    const [{ notEligible }] = await q<{ notEligible: number }>(`SELECT count(*)::int AS "notEligible" FROM assignments a WHERE NOT EXISTS (
      SELECT 1 FROM eligibility_criteria k WHERE k.beneficiary_id = a.beneficiary_id AND k.validated_on <= a.start_date
        AND (k.valid_until IS NULL OR k.valid_until >= a.start_date))`);
    expect(notEligible).toBeGreaterThan(0);
    const modalities = await q<{ m: string }>('SELECT DISTINCT modality AS m FROM assignments');
    expect(modalities).toHaveLength(9);
  });

  it('has statements of every status, with a reason on each rejection and a correction for each superseded one', async () => {
    const statuses = await q<{ s: string }>('SELECT DISTINCT status AS s FROM hours_statements ORDER BY 1');
    expect(statuses.map((r) => r.s)).toEqual(['declared', 'rejected', 'superseded', 'validated']);
    const [{ orphans }] = await q<{ orphans: number }>(`SELECT count(*)::int AS orphans FROM hours_statements s WHERE s.status = 'superseded'
      AND NOT EXISTS (SELECT 1 FROM hours_statements c WHERE c.supersedes_id = s.id)`);
    expect(orphans).toBe(0);
  });

  it('holds the U-Arena case: 136,000.00 validated eligible hours by 140 people on a 100,000 h target, ended', async () => {
    const [arena] = await q<{ hours: string; people: number; target: string; end_date: string; department: string }>(`
      SELECT sum(s.hours_x100)::text AS hours, count(DISTINCT b.person_key)::int AS people,
             (SELECT t.fixed_hours_x100::text FROM clauses cl JOIN clause_terms t ON t.clause_id = cl.id WHERE cl.contract_id = c.id) AS target,
             c.end_date::text AS end_date, c.execution_department_code AS department
      FROM contracts c JOIN hours_statements s ON s.contract_id = c.id AND s.status = 'validated'
      JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
      WHERE c.reference = 'ARENA-92' AND EXISTS (SELECT 1 FROM eligibility_criteria k WHERE k.beneficiary_id = a.beneficiary_id
        AND k.validated_on <= a.start_date AND (k.valid_until IS NULL OR k.valid_until >= a.start_date))
      GROUP BY c.id`);
    expect(arena).toEqual({ hours: '13600000', people: 140, target: '10000000', end_date: '2017-09-29', department: '92' });
  });

  it('never puts a person above the legal monthly cap (48 h × days ÷ 7), counting validated and pending hours', async () => {
    const over = await q(`
      SELECT b.person_key, s.month, sum(s.hours_x100) AS total
      FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
      WHERE s.status IN ('validated', 'declared')
      GROUP BY b.person_key, s.month
      HAVING sum(s.hours_x100) > round(4800 * extract(day from (s.month + interval '1 month' - interval '1 day')) / 7)`);
    expect(over).toEqual([]);
  });

  it('only has statements inside the assignment and contract dates', async () => {
    const [{ outside }] = await q<{ outside: number }>(`SELECT count(*)::int AS outside
      FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN contracts c ON c.id = s.contract_id
      WHERE (s.month + interval '1 month' - interval '1 day')::date < greatest(a.start_date, c.start_date)
         OR s.month > least(coalesce(a.end_date, c.end_date), c.end_date)`);
    expect(outside).toBe(0);
  });

  it('loads nothing on a second start', async () => {
    const before = await counts();
    const second: string[] = [];
    await loadDemoDataIfEmpty(ds, loadConfig({}), (m) => second.push(m));
    expect(await counts()).toEqual(before);
    expect(second.join()).toMatch(/nothing loaded/);
    expect(logs.join()).toMatch(/beneficiaries \d+/);
  });
});
