import { Client } from 'pg';
import { IdentityCipher } from '../../src/beneficiaries/identity-cipher';
import { personCode, personKey } from '../../src/beneficiaries/person-key';
import { AppConfig } from '../../src/config/app-config';
import { isValidSiret } from '../../src/organisations/siret';

/** Each query counts the rows breaking one rule of DOMAIN.md or of the schema: all must be 0. */
const RULES: [string, string][] = [
  ['legal cap: person-months over 48 h × days ÷ 7 (validated + pending, as the service counts them)', `
    WITH t AS (
      SELECT b.person_key, s.month,
        SUM(CASE WHEN s.status = 'declared' AND s.supersedes_id IS NOT NULL THEN GREATEST(0, s.hours_x100 - o.hours_x100) ELSE s.hours_x100 END) AS total
      FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
      LEFT JOIN hours_statements o ON o.id = s.supersedes_id
      WHERE s.status IN ('validated', 'declared') GROUP BY 1, 2)
    SELECT count(*) FROM t WHERE total > floor(4800 * extract(day from (month + interval '1 month' - interval '1 day')) / 7)`],
  ['statements for a month wholly outside the assignment\'s dates', `
    SELECT count(*) FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id
    WHERE (s.month + interval '1 month' - interval '1 day')::date < a.start_date OR (a.end_date IS NOT NULL AND s.month > a.end_date)`],
  ['statements for a month wholly outside the contract\'s dates', `
    SELECT count(*) FROM hours_statements s JOIN contracts c ON c.id = s.contract_id
    WHERE (s.month + interval '1 month' - interval '1 day')::date < c.start_date OR s.month > c.end_date`],
  ['statements whose contract is not their assignment\'s', `
    SELECT count(*) FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id WHERE a.contract_id <> s.contract_id`],
  ['statements after the data date (2026-10)', `SELECT count(*) FROM hours_statements WHERE month > '2026-10-01'`],
  ['assignment-months with more than one validated or more than one pending statement', `
    SELECT count(*) FROM (SELECT 1 FROM hours_statements WHERE status IN ('validated', 'declared')
      GROUP BY assignment_id, month, status HAVING count(*) > 1) x`],
  ['superseded statements not replaced by exactly one correction of the same assignment-month', `
    SELECT count(*) FROM hours_statements o WHERE o.status = 'superseded' AND (SELECT count(*) FROM hours_statements n
      WHERE n.supersedes_id = o.id AND n.assignment_id = o.assignment_id AND n.month = o.month) <> 1`],
  ['corrections pointing at a statement that is not superseded', `
    SELECT count(*) FROM hours_statements n JOIN hours_statements o ON o.id = n.supersedes_id WHERE n.status = 'validated' AND o.status <> 'superseded'`],
  ['assignments outside their contract\'s dates', `
    SELECT count(*) FROM assignments a JOIN contracts c ON c.id = a.contract_id
    WHERE a.start_date < c.start_date OR a.start_date > c.end_date OR a.end_date > c.end_date`],
  ['contracts executed outside the 101 departments', `
    SELECT count(*) FROM contracts c JOIN departments d ON d.code = c.execution_department_code WHERE d.zone NOT IN ('metro', 'drom')`],
  ['contracts whose authority or holder has the wrong kind', `
    SELECT count(*) FROM contracts c JOIN organisations a ON a.id = c.contracting_authority_id JOIN organisations h ON h.id = c.holder_id
    WHERE a.kind <> 'contracting_authority' OR h.kind <> 'company'`],
  ['beneficiaries not registered by a facilitator structure', `
    SELECT count(*) FROM beneficiaries b JOIN organisations o ON o.id = b.registered_by_id WHERE o.kind <> 'facilitator_structure'`],
  ['assignments whose employer is not a company', `
    SELECT count(*) FROM assignments a JOIN organisations o ON o.id = a.employer_id WHERE o.kind <> 'company'`],
  ['insertion clause terms missing an input of their mode', `
    SELECT count(*) FROM clause_terms t JOIN clauses cl ON cl.id = t.clause_id WHERE cl.kind = 'insertion_hours' AND NOT (
      (t.target_mode = 'fixed' AND t.fixed_hours_x100 IS NOT NULL)
      OR (t.target_mode = 'formula' AND t.labour_share IS NOT NULL AND t.insertion_rate IS NOT NULL AND t.hourly_cost_cents IS NOT NULL)
      OR (t.target_mode = 'percent_of_hours' AND t.insertion_rate IS NOT NULL)
      OR (t.target_mode = 'per_amount_invoiced' AND t.cents_per_hour IS NOT NULL))`],
  ['clauses without original terms', `
    SELECT count(*) FROM clauses cl WHERE NOT EXISTS (SELECT 1 FROM clause_terms t WHERE t.clause_id = cl.id AND t.effective_from IS NULL)`],
  ['payments not from the holder to a party of the contract', `
    SELECT count(*) FROM payments p JOIN contracts c ON c.id = p.contract_id
    WHERE p.payer_id <> c.holder_id OR NOT EXISTS (SELECT 1 FROM contract_parties cp WHERE cp.contract_id = p.contract_id AND cp.company_id = p.payee_id)`],
  ['users that cannot sign in (no password or not activated)', `SELECT count(*) FROM users WHERE password_hash IS NULL OR activated_at IS NULL`],
];

/** Figures that describe the shape of the data (no right value: read them). */
const SHAPE: [string, string][] = [
  ['regions / departments with contracts', `SELECT count(DISTINCT d.region_code) || ' / ' || count(DISTINCT d.code) FROM contracts c JOIN departments d ON d.code = c.execution_department_code`],
  ['organisations by kind', `SELECT string_agg(kind || ' ' || n, ', ' ORDER BY kind) FROM (SELECT kind, count(*) n FROM organisations GROUP BY 1) x`],
  ['companies by size', `SELECT string_agg(size || ' ' || n, ', ' ORDER BY size) FROM (SELECT size, count(*) n FROM organisations WHERE kind = 'company' GROUP BY 1) x`],
  ['companies by inclusion type', `SELECT string_agg(inclusion_type || ' ' || n, ', ' ORDER BY inclusion_type) FROM (SELECT inclusion_type, count(*) n FROM organisations WHERE kind = 'company' GROUP BY 1) x`],
  ['facilitator structures covering several departments', `SELECT count(*) FROM organisations WHERE kind = 'facilitator_structure' AND cardinality(department_codes) > 1`],
  ['clauses by kind and mode', `SELECT string_agg(k || ' ' || n, ', ' ORDER BY k) FROM (SELECT cl.kind || coalesce('/' || t.target_mode, '') k, count(*) n FROM clauses cl JOIN clause_terms t ON t.clause_id = cl.id AND t.effective_from IS NULL GROUP BY 1) x`],
  ['amendments (clause terms with an effective date)', `SELECT count(*) FROM clause_terms WHERE effective_from IS NOT NULL`],
  ['statements by status', `SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) n FROM hours_statements GROUP BY 1) x`],
  ['payments by status', `SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) n FROM payments GROUP BY 1) x`],
  ['eligible assignments (a criterion valid on the start date)', `
    SELECT round(100.0 * count(*) FILTER (WHERE EXISTS (SELECT 1 FROM eligibility_criteria e WHERE e.beneficiary_id = a.beneficiary_id
      AND e.validated_on <= a.start_date AND (e.valid_until IS NULL OR e.valid_until >= a.start_date))) / count(*), 1) || ' %' FROM assignments a`],
  ['distinct people (person keys) / beneficiary rows', `SELECT count(DISTINCT person_key) || ' / ' || count(*) FROM beneficiaries`],
  ['people registered by two or more structures', `SELECT count(*) FROM (SELECT person_key FROM beneficiaries GROUP BY 1 HAVING count(*) > 1) x`],
  ['people with assignments on several contracts / in several departments', `
    SELECT count(*) FILTER (WHERE contracts > 1) || ' / ' || count(*) FILTER (WHERE departments > 1) FROM (
      SELECT b.person_key, count(DISTINCT a.contract_id) contracts, count(DISTINCT c.execution_department_code) departments
      FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id JOIN contracts c ON c.id = a.contract_id GROUP BY 1) x`],
  ['person-months at the legal cap (two jobs at once, trimmed)', `
    SELECT count(*) FROM (SELECT b.person_key, s.month, SUM(s.hours_x100) total FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id
      JOIN beneficiaries b ON b.id = a.beneficiary_id WHERE s.status IN ('validated', 'declared') GROUP BY 1, 2) x
    WHERE total = floor(4800 * extract(day from (month + interval '1 month' - interval '1 day')) / 7)`],
];

/** Foreign keys, checked one by one: the bulk load ran without them (session_replication_role = replica). */
async function foreignKeyChecks(client: Client): Promise<[string, string][]> {
  const { rows } = await client.query<{ name: string; child: string; parent: string; cols: string[]; pcols: string[] }>(`
    SELECT con.conname AS name, c.relname AS child, p.relname AS parent,
      ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS cols,
      ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS pcols
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class p ON p.oid = con.confrelid
    WHERE con.contype = 'f' AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname, con.conname`);
  return rows.map((r) => [
    `foreign key ${r.child}(${r.cols.join(', ')}) → ${r.parent}`,
    `SELECT count(*) FROM "${r.child}" x WHERE ${r.cols.map((c) => `x."${c}" IS NOT NULL`).join(' AND ')}
       AND NOT EXISTS (SELECT 1 FROM "${r.parent}" y WHERE ${r.cols.map((c, i) => `y."${r.pcols[i]}" = x."${c}"`).join(' AND ')})`,
  ]);
}

/**
 * Checks a loaded benchmark database against the rules the service enforces on writes, and prints
 * figures of its shape. Returns the number of rules broken.
 */
export async function verifyDatabase(url: string, log: (line: string) => void): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let broken = 0;
  try {
    const check = async (label: string, n: number, started: number) => {
      if (n) broken++;
      log(`  ${n ? 'FAIL' : 'ok  '} ${label}: ${n}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    };
    log('Rules (each count must be 0):');
    for (const [label, sql] of [...RULES, ...(await foreignKeyChecks(client))]) {
      const started = Date.now();
      const { rows } = await client.query<{ count: string }>(sql);
      await check(label, Number(Object.values(rows[0])[0]), started);
    }
    let started = Date.now();
    const orgs = await client.query<{ siret: string }>(`SELECT siret FROM organisations`);
    await check('SIRETs failing the Luhn check', orgs.rows.filter((o) => !isValidSiret(o.siret)).length, started);

    started = Date.now();
    const config = new AppConfig();
    const cipher = new IdentityCipher(config.IDENTITY_ENCRYPTION_KEY);
    const people = await client.query<{ id: string; person_key: string; code: string; identity_enc: Buffer; birth_year: number }>(
      `SELECT id, person_key, code, identity_enc, birth_year FROM beneficiaries`);
    let bad = 0;
    for (const p of people.rows) {
      try {
        const identity = cipher.decrypt(p.id, p.identity_enc);
        const key = personKey(config.PSEUDONYM_SECRET, identity);
        if (key !== p.person_key || personCode(key) !== p.code || Number(identity.birthDate.slice(0, 4)) !== p.birth_year) bad++;
      } catch {
        bad++;
      }
    }
    await check(`beneficiaries whose identity does not decrypt to their person key, code and birth year (${people.rows.length} decrypted)`, bad, started);

    log('Shape:');
    for (const [label, sql] of SHAPE) {
      const { rows } = await client.query(sql);
      log(`  ${label}: ${Object.values(rows[0])[0]}`);
    }
  } finally {
    await client.end();
  }
  return broken;
}
