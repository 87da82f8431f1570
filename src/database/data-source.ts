import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
}

/** The one DataSource definition: the API, the worker, the migration CLI and the tests share it. */
export function dataSourceOptions(s: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Each migration in its own transaction: a failing one leaves the earlier ones applied and recorded.
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, no extension to install.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: s.poolSize,
      statement_timeout: s.statementTimeoutMs,
      application_name: 'clausier',
    },
  };
}

export function createDataSource(s: DatabaseSettings): DataSource {
  return new DataSource(dataSourceOptions(s));
}
