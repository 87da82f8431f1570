import { MigrationInterface, QueryRunner } from 'typeorm';

export class Imports1795453810023 implements MigrationInterface {
  name = 'Imports1795453810023';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "format" text NOT NULL, "file_name" text NOT NULL, "file_key" text, "file_size" bigint NOT NULL, "headers" jsonb, "uploaded_by_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'queued', "progress" integer NOT NULL DEFAULT '0', "mode" text, "mark_validated" boolean NOT NULL DEFAULT false, "summary" jsonb, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "analysed_at" TIMESTAMP WITH TIME ZONE, "confirmed_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "import_progress" CHECK (progress BETWEEN 0 AND 100), CONSTRAINT "import_mode" CHECK (mode IS NULL OR mode IN ('all_or_nothing','keep_valid')), CONSTRAINT "import_status" CHECK (status IN ('queued','analysing','analysed','importing','completed','failed')), CONSTRAINT "import_format" CHECK (format IN ('csv','xlsx')), CONSTRAINT "import_kind" CHECK (kind IN ('hours_statements')), CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_4e23e50a5b206b3b0696d6b7e9" ON "imports"  ("organisation_id") `);
    await q.query(`CREATE TABLE "import_rows" ("import_id" uuid NOT NULL, "line" integer NOT NULL, "raw" jsonb NOT NULL, "assignment_ref" text, "beneficiary_code" text, "contract_reference" text, "authority_siret" text, "month" date, "hours_x100" integer, "source" text, "assignment_id" uuid, "contract_id" uuid, "person_key" character(64), "existing_id" uuid, "existing_hours_x100" integer, "outcome" text, "error_code" text, "error_column" text, "error_reason" text, CONSTRAINT "PK_825c743e0d4e9d75bf70fc0c6cc" PRIMARY KEY ("import_id", "line"))`);
    await q.query(`CREATE INDEX "import_rows_outcome" ON "import_rows"  ("import_id", "outcome") `);
    await q.query(`CREATE INDEX "IDX_9eabc362579e27ccc462f228cb" ON "beneficiaries"  ("code") `);
    await q.query(`ALTER TABLE "imports" ADD CONSTRAINT "FK_8df6870ceeebf7c16cecaf1b5f5" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "imports" ADD CONSTRAINT "FK_4e23e50a5b206b3b0696d6b7e95" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "import_rows" ADD CONSTRAINT "FK_c175270322bf4c2e99418c2aa9f" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Audited: the upload and the confirmation (the statements an import writes are audited one by one).
    // The job's progress updates are not: the worker's bookkeeping, not a user's write.
    await q.query(`CREATE TRIGGER "audit_imports_uploaded" AFTER INSERT ON "imports" FOR EACH ROW EXECUTE FUNCTION audit_write()`);
    await q.query(
      `CREATE TRIGGER "audit_imports_confirmed" AFTER UPDATE ON "imports" FOR EACH ROW WHEN (NEW.confirmed_at IS DISTINCT FROM OLD.confirmed_at) EXECUTE FUNCTION audit_write()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "audit_imports_confirmed" ON "imports"`);
    await q.query(`DROP TRIGGER "audit_imports_uploaded" ON "imports"`);
    await q.query(`ALTER TABLE "import_rows" DROP CONSTRAINT "FK_c175270322bf4c2e99418c2aa9f"`);
    await q.query(`ALTER TABLE "imports" DROP CONSTRAINT "FK_4e23e50a5b206b3b0696d6b7e95"`);
    await q.query(`ALTER TABLE "imports" DROP CONSTRAINT "FK_8df6870ceeebf7c16cecaf1b5f5"`);
    await q.query(`DROP INDEX "public"."IDX_9eabc362579e27ccc462f228cb"`);
    await q.query(`DROP INDEX "public"."import_rows_outcome"`);
    await q.query(`DROP TABLE "import_rows"`);
    await q.query(`DROP INDEX "public"."IDX_4e23e50a5b206b3b0696d6b7e9"`);
    await q.query(`DROP TABLE "imports"`);
  }
}
