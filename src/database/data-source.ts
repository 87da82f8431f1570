import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
}

/**
 * What the database holds: the application's entities and migrations. They are registered where the
 * processes are wired (src/app-schema.ts), so that this folder imports no concept's folder.
 */
export interface DatabaseSchema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/** The one DataSource definition: the API, the worker, the migration CLI and the tests share it. */
export function dataSourceOptions(s: DatabaseSettings, schema: DatabaseSchema): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.url,
    entities: schema.entities,
    migrations: schema.migrations,
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
      // Planner settings of this workload, per connection so they hold on any server:
      // - no JIT: the compliance and report queries are CTEs whose row estimates run high, so PostgreSQL
      //   spent longer compiling them than the compiled code saved;
      // - random_page_cost 1.1 (SSD, working set in cache) instead of 4 (spinning disks): with 4 the
      //   planner read every statement in parallel rather than a department's few by the
      //   (contract_id, month) index (figures in bench/README.md).
      options: '-c jit=off -c random_page_cost=1.1',
    },
  };
}

export function createDataSource(s: DatabaseSettings, schema: DatabaseSchema): DataSource {
  return new DataSource(dataSourceOptions(s, schema));
}
