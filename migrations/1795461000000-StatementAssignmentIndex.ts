import { MigrationInterface, QueryRunner } from 'typeorm';

/** See the index's comment in hours-statement.entity.ts: the write path's lookups by assignment and month. */
export class StatementAssignmentIndex1795461000000 implements MigrationInterface {
  name = 'StatementAssignmentIndex1795461000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "statement_assignment_month" ON "hours_statements" ("assignment_id", "month")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "statement_assignment_month"`);
  }
}
