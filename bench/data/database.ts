import { Client } from 'pg';
import { createAppDataSource, prepareDatabase } from '../../src/app-schema';

/** Drops and creates the benchmark database (through the `postgres` database), ending its open sessions. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** The service's own migrations and territory sync: the schema the service runs on, regions and departments filled. */
export async function migrate(url: string): Promise<void> {
  const ds = createAppDataSource({ url, poolSize: 2, statementTimeoutMs: 0 });
  await ds.initialize();
  try {
    await prepareDatabase(ds);
  } finally {
    await ds.destroy();
  }
}

/**
 * A session for bulk loading, like a restore: `session_replication_role = replica` skips the triggers,
 * so no audit row per loaded row and no foreign-key checks (the generator makes the data consistent
 * by construction; `--verify` checks it). Check constraints and unique indexes still apply.
 */
export async function loaderClient(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'clausier-bench-data' });
  await client.connect();
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET synchronous_commit = off`);
  return client;
}
