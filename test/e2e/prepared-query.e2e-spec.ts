import { DataSource, QueryFailedError } from 'typeorm';
import { createAppDataSource } from '../../src/app-schema';
import { preparedQuery } from '../../src/database/prepared';
import { createTestDatabase } from '../helpers/database';

/** The hot path's prepared statements: the same answers and errors as query(), prepared once per connection. */
describe('preparedQuery', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createAppDataSource({ url: db.url, poolSize: 2, statementTimeoutMs: 0 });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const SQUARES = `SELECT n, n * n AS square FROM generate_series(1, $1::int) AS n ORDER BY n`;

  it('answers as query() does, on a transaction connection and on the pool, preparing each text once per connection', async () => {
    expect(await preparedQuery(ds, SQUARES, [3])).toEqual(await ds.query(SQUARES, [3]));
    await ds.transaction(async (m) => {
      expect(await preparedQuery(m, SQUARES, [2])).toEqual([{ n: 1, square: 1 }, { n: 2, square: 4 }]);
      expect(await preparedQuery(m, SQUARES, [1])).toEqual([{ n: 1, square: 1 }]);
      // The second call reused the statement the first prepared on this connection.
      const prepared = await m.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE 'SELECT n, n * n AS square%'`);
      expect(prepared).toEqual([{ n: 1 }]);
    });
  });

  it('fails as query() does: a QueryFailedError carrying the PostgreSQL error, the transaction rolled back', async () => {
    await ds.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY)`);
    const insert = `INSERT INTO prepared_probe (id) VALUES ($1)`;
    const failure = ds.transaction(async (m) => {
      await preparedQuery(m, insert, [1]);
      await preparedQuery(m, insert, [1]);
    });
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'prepared_probe_pkey' } });
    expect(await ds.query(`SELECT count(*)::int AS n FROM prepared_probe`)).toEqual([{ n: 0 }]);
  });
});
