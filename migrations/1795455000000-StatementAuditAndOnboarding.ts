import { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_FUNCTION, AUDITED as ROW_AUDITED, SCOPE_FUNCTION } from './1795452718555-AccountsAndAudit';
import { AUDITED_IMPORTS, AUDITED_TABLES, createAuditTriggers, dropAuditTriggers } from './support/audit-triggers';

/**
 * Two changes to what AccountsAndAudit and Imports created (those stay as they were applied):
 *
 * - The audit log is written by statement-level triggers reading transition tables (see
 *   support/audit-triggers.ts) instead of one trigger call per row: ~48 µs per written row before,
 *   ~10 µs now, which bulk imports need. The GIN index on scope_departments goes too: it doubled the
 *   cost of every audited write, and regional staff read the log newest first, a backward walk of the
 *   primary key. Same entries, same actor, same hidden columns.
 * - Imports take onboarding workbooks: import_rows gets the sheet of each row (leading the key, so each
 *   sheet's rows read in line order from the index), the file-local reference of a row and the record
 *   it created or matched.
 */
export class StatementAuditAndOnboarding1795455000000 implements MigrationInterface {
  name = 'StatementAuditAndOnboarding1795455000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const table of ROW_AUDITED) await q.query(`DROP TRIGGER "audit_${table}" ON "${table}"`);
    await q.query(`DROP TRIGGER "audit_reports_requested" ON "reports"`);
    await q.query(`DROP TRIGGER "audit_reports_requested_again" ON "reports"`);
    await q.query(`DROP TRIGGER "audit_imports_uploaded" ON "imports"`);
    await q.query(`DROP TRIGGER "audit_imports_confirmed" ON "imports"`);
    await q.query(`DROP FUNCTION audit_write()`);
    await q.query(`DROP FUNCTION audit_scope_departments(text, jsonb)`);
    await q.query(`DROP INDEX "audit_scope"`);
    await createAuditTriggers(q, [...AUDITED_TABLES, AUDITED_IMPORTS]);

    await q.query(`ALTER TABLE "imports" DROP CONSTRAINT "import_kind"`);
    await q.query(`ALTER TABLE "imports" ADD CONSTRAINT "import_kind" CHECK (kind IN ('hours_statements','onboarding'))`);
    // Every row staged so far came from an hours file: its sheet is heures.
    await q.query(`ALTER TABLE "import_rows" ADD "sheet" text NOT NULL DEFAULT 'heures'`);
    await q.query(`ALTER TABLE "import_rows" ALTER COLUMN "sheet" DROP DEFAULT`);
    await q.query(`ALTER TABLE "import_rows" ADD "local_ref" text`);
    await q.query(`ALTER TABLE "import_rows" ADD "entity_id" uuid`);
    await q.query(`ALTER TABLE "import_rows" DROP CONSTRAINT "PK_825c743e0d4e9d75bf70fc0c6cc"`);
    await q.query(`ALTER TABLE "import_rows" ADD CONSTRAINT "PK_b0ed836f0d6f8389edb7841d721" PRIMARY KEY ("import_id", "sheet", "line")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM import_rows WHERE sheet <> 'heures'`);
    await q.query(`ALTER TABLE "import_rows" DROP CONSTRAINT "PK_b0ed836f0d6f8389edb7841d721"`);
    await q.query(`ALTER TABLE "import_rows" ADD CONSTRAINT "PK_825c743e0d4e9d75bf70fc0c6cc" PRIMARY KEY ("import_id", "line")`);
    await q.query(`ALTER TABLE "import_rows" DROP COLUMN "entity_id"`);
    await q.query(`ALTER TABLE "import_rows" DROP COLUMN "local_ref"`);
    await q.query(`ALTER TABLE "import_rows" DROP COLUMN "sheet"`);
    await q.query(`ALTER TABLE "imports" DROP CONSTRAINT "import_kind"`);
    await q.query(`ALTER TABLE "imports" ADD CONSTRAINT "import_kind" CHECK (kind IN ('hours_statements'))`);
    // Back to the row-level audit of AccountsAndAudit and Imports, as they created it.
    await dropAuditTriggers(q, [...AUDITED_TABLES, AUDITED_IMPORTS]);
    await q.query(SCOPE_FUNCTION);
    await q.query(AUDIT_FUNCTION);
    for (const table of ROW_AUDITED) {
      await q.query(`CREATE TRIGGER "audit_${table}" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_write()`);
    }
    await q.query(`CREATE TRIGGER "audit_reports_requested" AFTER INSERT ON "reports" FOR EACH ROW EXECUTE FUNCTION audit_write()`);
    await q.query(`CREATE TRIGGER "audit_reports_requested_again" AFTER UPDATE ON "reports" FOR EACH ROW WHEN (NEW.status = 'queued' AND OLD.status <> 'queued') EXECUTE FUNCTION audit_write()`);
    await q.query(`CREATE TRIGGER "audit_imports_uploaded" AFTER INSERT ON "imports" FOR EACH ROW EXECUTE FUNCTION audit_write()`);
    await q.query(
      `CREATE TRIGGER "audit_imports_confirmed" AFTER UPDATE ON "imports" FOR EACH ROW WHEN (NEW.confirmed_at IS DISTINCT FROM OLD.confirmed_at) EXECUTE FUNCTION audit_write()`,
    );
    await q.query(`CREATE INDEX "audit_scope" ON "audit_log" USING gin ("scope_departments")`);
  }
}
