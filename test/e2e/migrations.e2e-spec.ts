import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { createAppDataSource } from '../../src/app-schema';
import { IdentityCipher } from '../../src/beneficiaries/identity-cipher';
import { loadConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { adminQuery, TEST_SERVER } from '../helpers/database';

/**
 * Migrations are frozen: each carries what it ran (src/layering.spec.ts checks that none imports from
 * src/). These tests check that the copies still do what the live code does with the data they touch.
 */
describe('migrations', () => {
  const name = `clausier_test_${process.pid}_migrations`;
  const url = `${TEST_SERVER}/${name}`;

  beforeAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${name}"`);
  });
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  async function migrate(ds: DataSource): Promise<void> {
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
  }

  it('AccountsAndAudit encrypts the identities already held, and the service reads them back', async () => {
    const migrations = MIGRATIONS as { name: string }[];
    const accounts = migrations.findIndex((m) => m.name.startsWith('AccountsAndAudit'));
    await migrate(createDataSource({ url, poolSize: 1, statementTimeoutMs: 60_000 }, { entities: [], migrations: MIGRATIONS.slice(0, accounts) }));

    const structure = randomUUID();
    const person = randomUUID();
    const ds = createAppDataSource({ url, poolSize: 1, statementTimeoutMs: 60_000 });
    await ds.initialize();
    try {
      await ds.query(`INSERT INTO organisations (id, kind, name, siret, department_codes) VALUES ($1, 'facilitator_structure', 'PLIE', '73282932000074', '{93}')`, [structure]);
      await ds.query(
        `INSERT INTO beneficiaries (id, registered_by_id, person_key, code, last_name, first_name, birth_date, sex, birth_year)
         VALUES ($1, $2, repeat('a', 64), 'B-0001', 'Ndiaye', 'Awa', '1990-04-12', 'F', 1990)`,
        [person, structure],
      );
      await ds.runMigrations({ transaction: 'each' });
      const [row] = (await ds.query(`SELECT identity_enc FROM beneficiaries WHERE id = $1`, [person])) as { identity_enc: Buffer }[];
      const cipher = new IdentityCipher(loadConfig({}).IDENTITY_ENCRYPTION_KEY);
      expect(cipher.decrypt(person, row.identity_enc)).toEqual({ lastName: 'Ndiaye', firstName: 'Awa', birthDate: '1990-04-12' });
    } finally {
      await ds.destroy();
    }
  });
});
