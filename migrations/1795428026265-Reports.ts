import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1795428026265 implements MigrationInterface {
  name = 'Reports1795428026265';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope_kind" text NOT NULL, "scope_code" character varying(3) NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "data_watermark" text NOT NULL, "version" integer NOT NULL, "status" text NOT NULL DEFAULT 'queued', "progress" integer NOT NULL DEFAULT '0', "error" text, "files" jsonb NOT NULL DEFAULT '{}', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "report_period" CHECK (period_from <= period_to), CONSTRAINT "report_progress" CHECK (progress BETWEEN 0 AND 100), CONSTRAINT "report_status" CHECK (status IN ('queued','running','completed','failed')), CONSTRAINT "report_scope_kind" CHECK (scope_kind IN ('department','region')), CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "report_identity" ON "reports"  ("scope_kind", "scope_code", "period_from", "period_to", "data_watermark") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."report_identity"`);
    await q.query(`DROP TABLE "reports"`);
  }
}
