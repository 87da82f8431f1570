import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pre-summed months of a contract read from its primary key alone. The compliance figures of a
 * scope sum, for each contract, its months up to D (~13 rows per contract). The (contract_id, month)
 * key already held a contract's months side by side, but each row's sums had to be read from the
 * table, where those rows, written month after month, lie on as many pages scattered over a table
 * larger than PostgreSQL's shared buffers. With the sums stored in the key's index too (INCLUDE: carried,
 * not part of the key), they are read index-only, for every page the visibility map marks all-visible:
 * after a VACUUM, all but the months still being written. Île-de-France at bench scale 4 (59,913
 * contracts): pages read from outside shared buffers 445,000 → 34,000 for these sums, the query
 * 5.0 → 3.4 s.
 *
 * What it costs:
 * - an update of the sums changes a column the index holds, so it can no longer be a HOT update and
 *   writes a new index entry too. On the hours statement POST (bench scale 1, alternated runs),
 *   PostgreSQL's CPU per request stayed within the runs' noise (bench/HISTORY.md);
 * - the key is rebuilt under an exclusive lock on the table: hours written and compliance read wait for
 *   it (~2.5 s for the 3.2 million rows of bench scale 4). Migrations run as the service starts.
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
