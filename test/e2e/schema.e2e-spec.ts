import { DataSource } from 'typeorm';
import { createAppDataSource } from '../../src/app-schema';
import { schemaDrift } from '../../src/database/schema-drift';
import { createTestDatabase } from '../helpers/database';

describe('schema', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createAppDataSource({ url: db.url, poolSize: 1, statementTimeoutMs: 10_000 });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('the migrations produce exactly the schema the entities describe', async () => {
    expect(await schemaDrift(ds)).toEqual([]);
  });

  it('holds every French region and department, overseas included', async () => {
    const [{ regions }] = await ds.query(`SELECT count(*)::int AS regions FROM regions WHERE zone IN ('metro','drom')`);
    expect(regions).toBe(18);
    const idf = await ds.query(`SELECT code FROM departments WHERE region_code = '11' ORDER BY code`);
    expect(idf.map((d: { code: string }) => d.code)).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
    const overseas = await ds.query(`SELECT code FROM departments WHERE code IN ('971','972','973','974','976','2A','2B')`);
    expect(overseas).toHaveLength(7);
  });

  it('refuses a malformed SIRET in the database itself', async () => {
    await expect(
      ds.query(`INSERT INTO organisations (kind, name, siret) VALUES ('contracting_authority', 'X', '123')`),
    ).rejects.toThrow(/organisation_siret_format/);
  });
});
