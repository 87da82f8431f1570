import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change counter per input table of the figures, for the reports' data watermark: every statement
 * that writes one of these tables adds 1, in the writer's transaction. The watermark is the counters'
 * sums, read in microseconds; it used to hash every row of the edited tables (5 s at bench scale 1,
 * 20 s at scale 4, on each report request).
 *
 * Counters only grow and count committed statements, so any committed write changes the sum, whatever
 * order concurrent transactions commit in. Each table's counter is split over 64 rows picked by the
 * writer's backend, so concurrent writers seldom wait on the same row.
 */
const INPUT_TABLES = [
  'hours_statements', 'payments', 'organisations', 'contracts', 'contract_parties', 'clauses', 'clause_terms',
  'beneficiaries', 'eligibility_criteria', 'assignments', 'contract_monthly_hours', 'contract_invoiced_amounts',
];

export class DataChanges1795462000000 implements MigrationInterface {
  name = 'DataChanges1795462000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "data_changes" ("table_name" text NOT NULL, "shard" smallint NOT NULL, "changes" bigint NOT NULL DEFAULT 0, CONSTRAINT "PK_data_changes" PRIMARY KEY ("table_name", "shard"))`);
    await q.query(`CREATE FUNCTION data_changes_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO data_changes AS d (table_name, shard, changes) VALUES (TG_TABLE_NAME, pg_backend_pid() % 64, 1)
        ON CONFLICT (table_name, shard) DO UPDATE SET changes = d.changes + 1;
        RETURN NULL;
      END $$`);
    for (const t of INPUT_TABLES) {
      await q.query(`CREATE TRIGGER "data_changes_${t}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of INPUT_TABLES) await q.query(`DROP TRIGGER "data_changes_${t}" ON "${t}"`);
    await q.query(`DROP FUNCTION data_changes_count()`);
    await q.query(`DROP TABLE "data_changes"`);
  }
}
