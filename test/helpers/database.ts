import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server tests use; each test file gets its own database on it. */
export const TEST_SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
export const TEMPLATE_ENV = 'CLAUSIER_TEST_TEMPLATE';

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${TEST_SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: milliseconds instead of re-running migrations. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error('The jest global setup did not create the template database');
  const name = `clausier_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return { url: `${TEST_SERVER}/${name}`, drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
