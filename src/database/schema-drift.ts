import { DataSource } from 'typeorm';

/**
 * The SQL TypeORM would run to make the migrated schema match the entities. Empty means no drift;
 * a test asserts it, so an entity changed without a migration fails CI.
 */
export async function schemaDrift(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
