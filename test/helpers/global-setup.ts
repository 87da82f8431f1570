import { createAppDataSource, prepareDatabase } from '../../src/app-schema';
import { adminQuery, TEMPLATE_ENV, TEST_SERVER } from './database';

/** Builds one migrated template database per run; test files clone it. Never touches `clausier`. */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  const name = `clausier_template_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
  const ds = createAppDataSource({ url: `${TEST_SERVER}/${name}`, poolSize: 1, statementTimeoutMs: 60_000 });
  await ds.initialize();
  await prepareDatabase(ds);
  await ds.destroy();
  process.env[TEMPLATE_ENV] = name;
}
