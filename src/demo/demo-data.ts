import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DemoTables, Row } from './demo-tables';
import { generateDemoData } from './generate';

/** Arbitrary constant: two processes starting at once on an empty database load the demo once. */
const DEMO_LOCK = 7_311_2026;

/**
 * One INSERT per table: the rows travel as one JSON array and json_populate_recordset turns them
 * into the table's row type, so types (dates, arrays, bigints) follow the schema. Columns not named
 * keep their defaults (created_at...).
 */
async function insertRows(m: EntityManager, table: keyof DemoTables, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].map((c) => `"${c}"`).join(', ');
  await m.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [JSON.stringify(rows)]);
}

/**
 * Loads the Île-de-France demo data set when the database holds no organisation yet; otherwise does
 * nothing, so a restart never duplicates it. Everything goes in one transaction: a failure leaves
 * the database empty, and the next start tries again.
 */
export async function loadDemoDataIfEmpty(ds: DataSource, config: AppConfig, log: (m: string) => void): Promise<void> {
  const started = Date.now();
  const loaded = await ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
    const [{ present }] = (await m.query('SELECT EXISTS (SELECT 1 FROM organisations) AS present')) as { present: boolean }[];
    if (present) return null;
    const tables = generateDemoData(config.PSEUDONYM_SECRET);
    for (const [table, rows] of Object.entries(tables) as [keyof DemoTables, Row[]][]) await insertRows(m, table, rows);
    return tables;
  });
  if (!loaded) {
    log('Demo data: the database already holds organisations, nothing loaded');
    return;
  }
  const counts = Object.entries(loaded).map(([table, rows]) => `${table} ${(rows as Row[]).length}`).join(', ');
  log(`Demo data (Île-de-France) loaded in ${Date.now() - started} ms: ${counts}`);
}
