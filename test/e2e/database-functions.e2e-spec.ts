import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Client } from 'pg';
import { eligibilityRuleSql, eligibleCriteriaSql } from '../../src/assignments/eligibility.sql';
import { SME_SIZES } from '../../src/organisations/organisation.entity';
import { createTestDatabase } from '../helpers/database';

/**
 * The current source of every database function and trigger is a .sql file beside its concept (a
 * migration that redefines one copies its new text there): this compares the files with the live
 * definitions of a migrated database, both ways. A file holds `--` comment lines, functions as
 * pg_get_functiondef prints them and triggers as pg_get_triggerdef prints them, each followed by `;`;
 * trailing spaces are ignored, so an editor trimming them breaks nothing.
 */
const SRC = resolve(__dirname, '../../src');

interface Definition {
  key: string;
  file: string;
  text: string;
}

function sqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sqlFiles(join(dir, e.name)) : e.name.endsWith('.sql') ? [join(dir, e.name)] : [],
  );
}

const trimLines = (text: string) => text.split('\n').map((l) => l.trimEnd()).join('\n').trim();

/** The functions and triggers a file defines, keyed as the live ones below; throws on any other text. */
function definitionsIn(path: string): { file: string; functions: Definition[]; triggers: Definition[]; executes: string[] } {
  const file = relative(SRC, path);
  const lines = readFileSync(path, 'utf8').split('\n');
  const functions: Definition[] = [];
  const triggers: Definition[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fn = /^CREATE OR REPLACE FUNCTION (public\.\w+)\(/.exec(line);
    if (fn) {
      const end = lines.findIndex((l, j) => j >= i && l.trimEnd().endsWith('$function$;'));
      if (end < 0) throw new Error(`${file}:${i + 1}: function ${fn[1]} never ends with $function$;`);
      functions.push({ key: fn[1], file, text: trimLines(lines.slice(i, end + 1).join('\n').trimEnd().slice(0, -1)) });
      i = end;
    } else if (line.startsWith('CREATE TRIGGER ')) {
      const t = /^CREATE TRIGGER (\w+) .* ON (public\.\w+) /.exec(line);
      if (!t || !line.trimEnd().endsWith(';')) throw new Error(`${file}:${i + 1}: a trigger is one line ending with ;`);
      triggers.push({ key: `${t[2]}.${t[1]}`, file, text: trimLines(line.trimEnd().slice(0, -1)) });
    } else if (line.trim() !== '' && !line.startsWith('--')) {
      throw new Error(`${file}:${i + 1}: neither a comment, a function nor a trigger: ${line}`);
    }
  }
  const executes = triggers.map((t) => /EXECUTE FUNCTION (\w+)\(/.exec(t.text)![1]);
  return { file, functions, triggers, executes };
}

describe('database functions and triggers: the .sql files hold the live definitions', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: Client;
  const files = sqlFiles(SRC).map(definitionsIn);
  const fileFunctions = files.flatMap((f) => f.functions);
  const fileTriggers = files.flatMap((f) => f.triggers);
  let liveFunctions: Map<string, string>;
  let liveTriggers: Map<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    const functions = await client.query<{ key: string; text: string }>(
      // The functions of the schema, not those an extension brings (pgcrypto's).
      `SELECT 'public.' || p.proname AS key, pg_get_functiondef(p.oid) AS text
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
    );
    const triggers = await client.query<{ key: string; text: string }>(
      `SELECT 'public.' || c.relname || '.' || t.tgname AS key, pg_get_triggerdef(t.oid) AS text
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND n.nspname = 'public'`,
    );
    liveFunctions = new Map(functions.rows.map((r) => [r.key, trimLines(r.text)]));
    liveTriggers = new Map(triggers.rows.map((r) => [r.key, trimLines(r.text)]));
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  const keys = (defs: Definition[]) => defs.map((d) => d.key).sort();

  it('every function of the database has one file, and every function of a file is in the database', () => {
    expect(keys(fileFunctions)).toEqual([...liveFunctions.keys()].sort());
  });

  it('every trigger of the database has one file, and every trigger of a file is in the database', () => {
    expect(keys(fileTriggers)).toEqual([...liveTriggers.keys()].sort());
  });

  it('each function and trigger reads as in the database', () => {
    for (const d of [...fileFunctions, ...fileTriggers]) {
      const live = liveFunctions.get(d.key) ?? liveTriggers.get(d.key);
      expect({ definition: d.key, file: d.file, text: d.text }).toEqual({ definition: d.key, file: d.file, text: live });
    }
  });

  it('a trigger sits in the file of the function it executes', () => {
    for (const f of files) {
      const defined = f.functions.map((d) => d.key.replace('public.', ''));
      expect({ file: f.file, executes: f.executes.filter((fn) => !defined.includes(fn)) }).toEqual({ file: f.file, executes: [] });
    }
  });
});

/**
 * Where a trigger enforces a rule that TypeScript also builds into queries, its text is the one
 * definition's: a change of the rule fails here until a migration redefines the trigger (and its file).
 */
describe('database functions apply the rules as their one definition writes them', () => {
  const text = sqlFiles(SRC)
    .map((p) => readFileSync(p, 'utf8'))
    .join('\n');

  it('eligibility (DOMAIN rule 5): every test of a criterion is eligibilityRuleSql or eligibleCriteriaSql', () => {
    const uses = text.match(/FROM eligibility_criteria elig_c/g) ?? [];
    const rule = [...text.matchAll(/EXISTS \(SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c\.beneficiary_id = ([\w.]+) AND elig_c\.validated_on <= ([\w.]+) /g)];
    const criteria = [...text.matchAll(/ARRAY\(SELECT DISTINCT elig_c\.criterion FROM eligibility_criteria elig_c WHERE elig_c\.beneficiary_id = (\w+)\.beneficiary_id /g)];
    expect(uses.length).toBeGreaterThan(0);
    expect(rule.length + criteria.length).toBe(uses.length);
    for (const [, person, date] of rule) expect(text).toContain(eligibilityRuleSql(person, date));
    for (const [, a] of criteria) expect(text).toContain(eligibleCriteriaSql(a));
  });

  it('SME share (DOMAIN rule 10): every size test names SME_SIZES', () => {
    const sizes = [...text.matchAll(/size IN \(([^)]*)\)/g)].map((m) => m[1]);
    expect(sizes.length).toBeGreaterThan(0);
    for (const s of sizes) expect(s).toBe(SME_SIZES.map((size) => `'${size}'`).join(', '));
  });
});
