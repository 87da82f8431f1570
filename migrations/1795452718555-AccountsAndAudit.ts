import { MigrationInterface, QueryRunner } from 'typeorm';
import { IdentityCipher } from '../src/beneficiaries/identity-cipher';
import { loadConfig } from '../src/config/app-config';
import { AUDITED_TABLES, createAuditTriggers, dropAuditTriggers } from './support/audit-triggers';


export class AccountsAndAudit1795452718555 implements MigrationInterface {
  name = 'AccountsAndAudit1795452718555';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "organisation_id" uuid, "password_hash" text, "invitation_token_hash" character(64), "invitation_expires_at" TIMESTAMP WITH TIME ZONE, "activated_at" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "user_email_lowercase" CHECK (email = lower(email)), CONSTRAINT "user_admin_has_no_organisation" CHECK ((role = 'admin') = (organisation_id IS NULL)), CONSTRAINT "user_role" CHECK (role IN ('admin','regional_staff','facilitator','buyer','company')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_2fc4294f8ec97da71d587dc557" ON "users"  ("organisation_id") `);
    await q.query(`CREATE UNIQUE INDEX "user_email_unique" ON "users"  ("email") `);
    await q.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "refresh_token_hash" character(64) NOT NULL, "previous_refresh_token_hash" character(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions"  ("user_id") `);
    await q.query(`CREATE TABLE "login_failures" ("email" text NOT NULL, "failures" integer NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_45d383d601f0542bc1eb677ff19" PRIMARY KEY ("email"))`);
    await q.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_user_id" uuid, "actor_role" text, "actor_organisation_id" uuid, "actor_label" text NOT NULL, "action" text NOT NULL, "entity" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "changed_columns" text array, "scope_departments" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "audit_at" ON "audit_log"  ("at") `);
    await q.query(`CREATE INDEX "audit_entity" ON "audit_log"  ("entity", "entity_id") `);
    // No index on scope_departments: a GIN index there doubled the cost of every audited write (measured
    // on bulk inserts); regional staff read the log newest first, a backward walk of the primary key.
    // Identities encrypted in place before the readable columns go (hand-written: the generated
    // migration dropped them, losing every name).
    await q.query(`ALTER TABLE "beneficiaries" ADD "identity_enc" bytea`);
    const cipher = new IdentityCipher(loadConfig().IDENTITY_ENCRYPTION_KEY);
    const people = (await q.query(
      `SELECT id, last_name, first_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM beneficiaries WHERE last_name IS NOT NULL AND erased_at IS NULL`,
    )) as { id: string; last_name: string; first_name: string; birth_date: string }[];
    for (const p of people) {
      const blob = cipher.encrypt(p.id, { lastName: p.last_name, firstName: p.first_name, birthDate: p.birth_date });
      await q.query(`UPDATE beneficiaries SET identity_enc = $2 WHERE id = $1`, [p.id, blob]);
    }
    await q.query(`ALTER TABLE "beneficiaries" DROP COLUMN "birth_date"`);
    await q.query(`ALTER TABLE "beneficiaries" DROP COLUMN "last_name"`);
    await q.query(`ALTER TABLE "beneficiaries" DROP COLUMN "first_name"`);
    // Once per structure while the identity is held: an erased person may be registered again.
    await q.query(`DROP INDEX "beneficiary_once_per_structure"`);
    await q.query(`CREATE UNIQUE INDEX "beneficiary_once_per_structure" ON "beneficiaries" ("registered_by_id", "person_key") WHERE erased_at IS NULL`);
    await q.query(`CREATE INDEX "IDX_4ff168dff61ab77c04c0cc02cb" ON "assignments"  ("employer_id") `);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // The audit log: filled by triggers only (see support/audit-triggers.ts), and append-only.
    await createAuditTriggers(q, AUDITED_TABLES);
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await dropAuditTriggers(q, AUDITED_TABLES);
    await q.query(`DROP INDEX "beneficiary_once_per_structure"`);
    await q.query(`CREATE UNIQUE INDEX "beneficiary_once_per_structure" ON "beneficiaries" ("registered_by_id", "person_key")`);
    await q.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"`);
    await q.query(`DROP INDEX "public"."IDX_4ff168dff61ab77c04c0cc02cb"`);
    await q.query(`ALTER TABLE "beneficiaries" ADD "first_name" text`);
    await q.query(`ALTER TABLE "beneficiaries" ADD "last_name" text`);
    await q.query(`ALTER TABLE "beneficiaries" ADD "birth_date" date`);
    const cipher = new IdentityCipher(loadConfig().IDENTITY_ENCRYPTION_KEY);
    const people = (await q.query(`SELECT id, identity_enc FROM beneficiaries WHERE identity_enc IS NOT NULL`)) as { id: string; identity_enc: Buffer }[];
    for (const p of people) {
      const i = cipher.decrypt(p.id, p.identity_enc);
      await q.query(`UPDATE beneficiaries SET last_name = $2, first_name = $3, birth_date = $4 WHERE id = $1`, [p.id, i.lastName, i.firstName, i.birthDate]);
    }
    await q.query(`ALTER TABLE "beneficiaries" DROP COLUMN "identity_enc"`);
    await q.query(`DROP INDEX "public"."audit_entity"`);
    await q.query(`DROP INDEX "public"."audit_at"`);
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP TABLE "login_failures"`);
    await q.query(`DROP INDEX "public"."IDX_085d540d9f418cfbdc7bd55bb1"`);
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`DROP INDEX "public"."user_email_unique"`);
    await q.query(`DROP INDEX "public"."IDX_2fc4294f8ec97da71d587dc557"`);
    await q.query(`DROP TABLE "users"`);
  }
}
