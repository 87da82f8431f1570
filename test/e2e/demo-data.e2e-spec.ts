import { auditIdentity, systemActor } from '../../src/access/actor';
import { AppConfig } from '../../src/config/app-config';
import { inTransaction } from '../../src/database/transaction';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-accounts';
import { loadDemoDataIfEmpty } from '../../src/demo/demo-data';
import { startTestApp, TestApp } from '../helpers/app';
import { AuthedHttp } from '../helpers/users';

const TABLES = ['organisations', 'contracts', 'clauses', 'clause_terms', 'beneficiaries', 'eligibility_criteria', 'assignments', 'hours_statements', 'payments', 'users'];
const IDF = ['75', '77', '78', '91', '92', '93', '94', '95'];

/** The demo data set, loaded into the application's own database as `npm start` loads it; its accounts then sign in over HTTP. */
describe('Île-de-France demo data', () => {
  let t: TestApp;
  let config: AppConfig;
  const logs: string[] = [];
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => (await t.ds.query(sql, params)) as T[];
  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0].n])));

  beforeAll(async () => {
    t = await startTestApp();
    config = t.app.get(AppConfig);
    await loadDemoDataIfEmpty(t.ds, config, (m) => logs.push(m));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
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
    await loadDemoDataIfEmpty(t.ds, config, (m) => second.push(m));
    expect(await counts()).toEqual(before);
    expect(second.join()).toMatch(/nothing loaded/);
    expect(logs.join()).toMatch(/beneficiaries \d+/);
  });

  it('holds no readable identity: every beneficiary not erased has its identity encrypted, and the old columns are gone', async () => {
    const [{ n }] = await q<{ n: number }>('SELECT count(*)::int AS n FROM beneficiaries WHERE identity_enc IS NULL AND erased_at IS NULL');
    expect(n).toBe(0);
    const columns = await q<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'beneficiaries' AND column_name IN ('last_name', 'first_name', 'birth_date')`);
    expect(columns).toEqual([]);
  });

  describe('demo accounts', () => {
    const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
    const signedIn: Record<string, AuthedHttp> = {};
    const orgId = async (name: string) => (await q<{ id: string }>('SELECT id FROM organisations WHERE name = $1', [name]))[0].id;
    /** Every contract the account lists (the demo has fewer than 500). */
    const contracts = async (as: AuthedHttp) => {
      const res = await as.get('/api/v1/contracts').query({ pageSize: 500 }).expect(200);
      expect(res.body.items).toHaveLength(res.body.total);
      return res.body.items as { id: string; executionDepartmentCode: string; contractingAuthorityId: string; holderId: string }[];
    };
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

    beforeAll(async () => {
      for (const a of DEMO_ACCOUNTS) {
        const res = await t.http().post('/api/v1/auth/login').send({ email: a.email, password: a.password });
        expect([a.email, res.status]).toEqual([a.email, 200]);
        expect(res.body.user).toMatchObject({ email: a.email, role: a.role, organisationId: a.organisationName ? await orgId(a.organisationName) : null });
        signedIn[a.role] = t.withToken(res.body.accessToken);
      }
    });

    it('are one per role, each signing in with its printed password (and not with another)', async () => {
      expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual(['admin', 'buyer', 'company', 'facilitator', 'regional_staff']);
      expect(Object.keys(signedIn).sort()).toEqual(['admin', 'buyer', 'company', 'facilitator', 'regional_staff']);
      await t.http().post('/api/v1/auth/login').send({ email: account('company').email, password: account('admin').password }).expect(401);
      const me = await signedIn.regional_staff.get('/api/v1/auth/me').expect(200);
      expect(me.body).toMatchObject({ role: 'regional_staff', regionCode: '11', departmentCodes: IDF, organisationName: account('regional_staff').organisationName });
      expect(logs.join('\n')).toContain(account('facilitator').password);
    });

    it('the regional staff sees the contracts of the eight departments; the admin sees none', async () => {
      const seen = await contracts(signedIn.regional_staff);
      const all = await q<{ id: string }>('SELECT id FROM contracts WHERE execution_department_code = ANY($1::text[])', [IDF]);
      expect(ids(seen)).toEqual(ids(all));
      expect([...new Set(seen.map((c) => c.executionDepartmentCode))].sort()).toEqual(IDF);
      await signedIn.admin.get('/api/v1/contracts').expect(403);
    });

    it('the facilitator sees the contracts executed in its departments only', async () => {
      const [{ departments }] = await q<{ departments: string[] }>('SELECT department_codes::text[] AS departments FROM organisations WHERE name = $1', [account('facilitator').organisationName]);
      expect(departments).toEqual(['93']);
      const seen = await contracts(signedIn.facilitator);
      expect(seen.length).toBeGreaterThan(0);
      expect(ids(seen)).toEqual(ids(await q('SELECT id FROM contracts WHERE execution_department_code = ANY($1::text[])', [departments])));
    });

    it("the buyer sees its own authority's contracts only", async () => {
      const sgp = await orgId(account('buyer').organisationName!);
      const seen = await contracts(signedIn.buyer);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((c) => c.contractingAuthorityId === sgp)).toBe(true);
      expect(ids(seen)).toEqual(ids(await q('SELECT id FROM contracts WHERE contracting_authority_id = $1', [sgp])));
    });

    it('the company sees only the contracts it holds, is a party to, or employs someone on', async () => {
      const gcgp = await orgId(account('company').organisationName!);
      const seen = await contracts(signedIn.company);
      const own = await q<{ id: string }>(
        `SELECT c.id FROM contracts c WHERE c.holder_id = $1
            OR EXISTS (SELECT 1 FROM contract_parties p WHERE p.contract_id = c.id AND p.company_id = $1)
            OR EXISTS (SELECT 1 FROM assignments a WHERE a.contract_id = c.id AND a.employer_id = $1)`,
        [gcgp],
      );
      expect(seen.length).toBeGreaterThan(0);
      expect(ids(seen)).toEqual(ids(own));
      const [{ n }] = await q<{ n: number }>('SELECT count(*)::int AS n FROM contracts');
      expect(seen.length).toBeLessThan(n);
    });

    it("the facilitator reads the identity of a person its structure registered, decrypted; the regional staff never does", async () => {
      const structure = await orgId(account('facilitator').organisationName!);
      const [person] = await q<{ id: string; enc: Buffer }>(
        `SELECT b.id, b.identity_enc AS enc FROM beneficiaries b WHERE b.registered_by_id = $1 AND b.erased_at IS NULL
            AND EXISTS (SELECT 1 FROM assignments a JOIN contracts c ON c.id = a.contract_id WHERE a.beneficiary_id = b.id AND c.execution_department_code = ANY($2::text[]))
          ORDER BY b.id LIMIT 1`,
        [structure, IDF],
      );
      const own = await signedIn.facilitator.get(`/api/v1/beneficiaries/${person.id}`).expect(200);
      expect(own.body.identity).toEqual({ lastName: expect.any(String), firstName: expect.any(String), birthDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
      expect(own.body.identity.lastName.length).toBeGreaterThan(1);
      // What the database holds is not the name.
      expect(person.enc.includes(Buffer.from(own.body.identity.lastName, 'utf8'))).toBe(false);
      const regional = await signedIn.regional_staff.get(`/api/v1/beneficiaries/${person.id}`).expect(200);
      expect(regional.body.code).toBe(own.body.code);
      expect(regional.body).not.toHaveProperty('identity');
      expect(JSON.stringify(regional.body)).not.toContain(own.body.identity.lastName);
    });
  });

  it('gives a demo database from before accounts existed its demo accounts, once, and nothing else', async () => {
    await inTransaction(t.ds, auditIdentity(systemActor('test')), (m) => m.query('DELETE FROM users'));
    const before = await counts();
    await loadDemoDataIfEmpty(t.ds, config, () => undefined);
    await loadDemoDataIfEmpty(t.ds, config, () => undefined);
    expect(await counts()).toEqual({ ...before, users: DEMO_ACCOUNTS.length });
    const company = DEMO_ACCOUNTS.find((a) => a.role === 'company')!;
    await t.http().post('/api/v1/auth/login').send({ email: company.email, password: company.password }).expect(200);
  });
});
