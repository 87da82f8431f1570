import { DataSource } from 'typeorm';
import { syncTerritories } from '../territories/territory-reference';

/** Brings a database to the current schema and reference data; safe to run at every start. */
export async function prepareDatabase(ds: DataSource): Promise<void> {
  await ds.runMigrations({ transaction: 'each' });
  await syncTerritories(ds);
}

/**
 * The SQL TypeORM would run to make the migrated schema match the entities. Empty means no drift;
 * a test asserts it, so an entity changed without a migration fails CI.
 */
export async function schemaDrift(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
