import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { auditIdentity, systemActor } from '../../src/access/actor';
import { inTransaction } from '../../src/database/transaction';

/**
 * A write the benchmark makes to set its data up or put it back: one transaction signed as the system,
 * the service's own mechanism (the audit and aggregate triggers run as for any write).
 */
export function asSystem<T>(ds: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
  return inTransaction(ds, auditIdentity(systemActor('bench')), work);
}

/** The references' target: a table of the statements' shape and indexes, without their triggers or foreign keys; dropped after. */
export async function withReferenceTable<T>(pg: Pool, work: () => Promise<T>): Promise<T> {
  await pg.query(`DROP TABLE IF EXISTS bench_reference_statements`);
  await pg.query(`CREATE TABLE bench_reference_statements (LIKE hours_statements INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
  try {
    return await work();
  } finally {
    await pg.query(`DROP TABLE bench_reference_statements`);
  }
}
