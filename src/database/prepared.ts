import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';

/**
 * Runs a query as a named prepared statement of the connection: PostgreSQL parses and plans it once
 * per connection instead of at every call, which costs more than running the write path's short
 * queries (bench/README.md, figures behind the code). For the queries every request or every
 * statement write runs; the rest of the service uses TypeORM's query(). The text must not embed
 * values (they go in `values`): its hash names the statement, so each distinct text is prepared once
 * per connection.
 *
 * Errors come out as TypeORM's QueryFailedError, as from query(), so callers and the exception
 * filter see the same thing. Behind PgBouncer in transaction mode, prepared statements need
 * PgBouncer 1.21 or later with max_prepared_statements set (README).
 */
export async function preparedQuery<T>(on: EntityManager | DataSource, text: string, values: unknown[]): Promise<T[]> {
  const name = statementName(text);
  const run = async (client: PoolClient) => {
    try {
      return (await client.query<T & object>({ name, text, values })).rows as T[];
    } catch (err) {
      throw new QueryFailedError(text, values, err as Error);
    }
  };
  if (on instanceof EntityManager && on.queryRunner) {
    // As query() does: a transaction's manager used after the transaction would otherwise run on a
    // connection the pool has lent to someone else.
    if (on.queryRunner.isReleased) throw new QueryRunnerAlreadyReleasedError();
    return run((await on.queryRunner.connect()) as PoolClient);
  }
  const ds = on instanceof EntityManager ? on.connection : on;
  const runner = ds.createQueryRunner();
  try {
    return await run((await runner.connect()) as PoolClient);
  } finally {
    await runner.release();
  }
}

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `q${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}
