import { DataSource, EntityManager } from 'typeorm';
import { auditIdentity, systemActor } from '../access/actor';
import { IdentityCipher } from '../beneficiaries/identity-cipher';
import { AppConfig } from '../config/app-config';
import { signTransaction } from '../database/transaction';
import { demoAccountLines, hasDemoOrganisations, insertDemoAccounts } from './demo-accounts';
import { DemoTables, Row } from './demo-tables';
import { generateDemoData } from './generate';

/** Arbitrary constant: two processes starting at once on an empty database load the demo once. */
const DEMO_LOCK = 7_311_2026;

/**
 * One INSERT per table: the rows travel as one JSON array and json_populate_recordset turns them
 * into the table's row type, so types (dates, arrays, bigints, bytea as \\x hex) follow the schema.
 * Columns not named keep their defaults (created_at...).
 */
async function insertRows(m: EntityManager, table: keyof DemoTables, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].map((c) => `"${c}"`).join(', ');
  await m.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [JSON.stringify(rows)]);
}

/** The generator draws readable identities; the database only ever receives them encrypted. */
function encryptIdentities(rows: Row[], cipher: IdentityCipher): Row[] {
  return rows.map(({ last_name, first_name, birth_date, ...rest }) => ({
    ...rest,
    identity_enc: `\\x${cipher.encrypt(rest.id as string, { lastName: last_name as string, firstName: first_name as string, birthDate: birth_date as string }).toString('hex')}`,
  }));
}

/**
 * Loads the Île-de-France demo data set and its demo accounts when the database holds no organisation
 * yet; otherwise does nothing, so a restart never duplicates it. Everything goes in one transaction:
 * a failure leaves the database empty, and the next start tries again. The audit log records the
 * rows as written by system:demo-data.
 */
export async function loadDemoDataIfEmpty(ds: DataSource, config: AppConfig, log: (m: string) => void): Promise<void> {
  const started = Date.now();
  const cipher = new IdentityCipher(config.IDENTITY_ENCRYPTION_KEY);
  const loaded = await ds.transaction(async (m) => {
    await signTransaction(m, auditIdentity(systemActor('demo-data')));
    await m.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
    const [{ present }] = (await m.query('SELECT EXISTS (SELECT 1 FROM organisations) AS present')) as { present: boolean }[];
    if (present) {
      // A demo database from before accounts existed: give it its demo accounts, once.
      const [{ noUsers }] = (await m.query(`SELECT NOT EXISTS (SELECT 1 FROM users) AS "noUsers"`)) as { noUsers: boolean }[];
      if (noUsers && (await hasDemoOrganisations(m))) await insertDemoAccounts(m);
      return null;
    }
    const tables = generateDemoData(config.PSEUDONYM_SECRET);
    tables.beneficiaries = encryptIdentities(tables.beneficiaries, cipher);
    for (const [table, rows] of Object.entries(tables) as [keyof DemoTables, Row[]][]) await insertRows(m, table, rows);
    await insertDemoAccounts(m);
    return tables;
  });
  if (loaded) {
    const counts = Object.entries(loaded).map(([table, rows]) => `${table} ${(rows as Row[]).length}`).join(', ');
    log(`Demo data (Île-de-France) loaded in ${Date.now() - started} ms: ${counts}`);
  } else {
    log('Demo data: the database already holds organisations, nothing loaded');
  }
  const accounts = await demoAccountLines(ds.manager);
  if (accounts.length) log(`Demo accounts (sign in with POST /api/v1/auth/login; demo passwords, never in production):\n${accounts.join('\n')}`);
}
