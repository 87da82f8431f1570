import { MigrationInterface, QueryRunner } from 'typeorm';

/** A stored text as the catalogue's verbatim sentence. */
const verbatim = (column: string) => `CASE WHEN ${column} IS NULL THEN NULL ELSE jsonb_build_object('key', 'text', 'params', jsonb_build_object('text', ${column})) END`;

/**
 * What an import says (why a row or a file is refused) is kept as a sentence of the message
 * catalogue, a key and its parameters, and said when read, in the reader's language; texts written
 * before stay as they were. The encoding a CSV was read in is shown in the dry run. An import never
 * confirmed expires: its file is deleted and its status says so. An onboarding set confirmed with
 * updateExisting updates the records its rows differ from.
 */
export class ImportMessages1795472000000 implements MigrationInterface {
  name = 'ImportMessages1795472000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_rows ALTER COLUMN error_reason TYPE jsonb USING ${verbatim('error_reason')}`);
    await q.query(`ALTER TABLE imports ALTER COLUMN error TYPE jsonb USING ${verbatim('error')}`);
    await q.query(`ALTER TABLE imports ADD COLUMN encoding text`);
    await q.query(`ALTER TABLE imports ADD COLUMN update_existing boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE imports DROP CONSTRAINT import_status`);
    await q.query(`ALTER TABLE imports ADD CONSTRAINT import_status CHECK (status IN ('queued','analysing','analysed','importing','completed','failed','expired'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE imports SET status = 'failed' WHERE status = 'expired'`);
    await q.query(`ALTER TABLE imports DROP CONSTRAINT import_status`);
    await q.query(`ALTER TABLE imports ADD CONSTRAINT import_status CHECK (status IN ('queued','analysing','analysed','importing','completed','failed'))`);
    await q.query(`ALTER TABLE imports DROP COLUMN update_existing`);
    await q.query(`ALTER TABLE imports DROP COLUMN encoding`);
    await q.query(`ALTER TABLE imports ALTER COLUMN error TYPE text USING error->'params'->>'text'`);
    await q.query(`ALTER TABLE import_rows ALTER COLUMN error_reason TYPE text USING error_reason->'params'->>'text'`);
  }
}
