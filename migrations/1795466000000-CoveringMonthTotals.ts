import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pre-summed months of a contract read from its primary key alone. The compliance figures of a
 * scope sum, for each contract, its months up to D (~13 rows per contract); those rows are written
 * month after month, so one contract's lie on as many heap pages, scattered over a table larger than
 * PostgreSQL's shared buffers. With the sums included in the key, a contract's months sit side by side
 * in one index page and are read index-only (the table's pages are all-visible once vacuumed; only
 * the months still being written need the heap). Île-de-France at bench scale 4 (59,913 contracts):
 * pages read from outside shared buffers 445,000 → 34,000 for these sums, the query 5.0 → 3.4 s.
 *
 * What it costs: an update of the sums changes an indexed column, so it can no longer be a HOT
 * update and writes a new index entry too. Measured on the hours statement POST (bench scale 1,
 * alternated runs): PostgreSQL's CPU per request stayed within the runs' noise (bench/README.md).
 */
export class CoveringMonthTotals1795466000000 implements MigrationInterface {
  name = 'CoveringMonthTotals1795466000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE contract_month_totals DROP CONSTRAINT "PK_contract_month_totals",
         ADD CONSTRAINT "PK_contract_month_totals" PRIMARY KEY (contract_id, month) INCLUDE (validated_x100, declared_x100, not_eligible_x100)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract_month_totals DROP CONSTRAINT "PK_contract_month_totals", ADD CONSTRAINT "PK_contract_month_totals" PRIMARY KEY (contract_id, month)`);
  }
}
