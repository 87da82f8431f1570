import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity encryption as src/beneficiaries/identity-cipher.ts did it when this migration ran
 * (format version 1: version byte, 12-byte nonce, 16-byte GCM tag, ciphertext; the beneficiary's id
 * as additional data). The key comes from the environment, as the installation's configuration gives
 * it: every process that runs migrations has validated it with loadConfig before.
 */
class IdentityCipherV1 {
  private readonly key: Buffer;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.key = Buffer.from(env.IDENTITY_ENCRYPTION_KEY ?? 'ZGV2ZWxvcG1lbnQtb25seS1pZGVudGl0eS1rZXkhISE=', 'base64');
    if (this.key.length !== 32) throw new Error('IDENTITY_ENCRYPTION_KEY must be 32 bytes (base64)');
  }

  encrypt(beneficiaryId: string, identity: { lastName: string; firstName: string; birthDate: string }): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(beneficiaryId, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify([identity.lastName, identity.firstName, identity.birthDate]), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), nonce, cipher.getAuthTag(), body]);
  }

  decrypt(beneficiaryId: string, blob: Buffer): { lastName: string; firstName: string; birthDate: string } {
    if (blob[0] !== 1) throw new Error(`identity of ${beneficiaryId}: unknown format ${blob[0]}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, blob.subarray(1, 13));
    decipher.setAAD(Buffer.from(beneficiaryId, 'utf8'));
    decipher.setAuthTag(blob.subarray(13, 29));
    const plain = Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]).toString('utf8');
    const [lastName, firstName, birthDate] = JSON.parse(plain) as [string, string, string];
    return { lastName, firstName, birthDate };
  }
}

/** Tables whose every write the audit log records (reports: only when requested, below). */
export const AUDITED = [
  'organisations', 'users', 'operations', 'contracts', 'contract_parties', 'clauses', 'clause_terms', 'beneficiaries',
  'eligibility_criteria', 'assignments', 'hours_statements', 'contract_monthly_hours', 'contract_invoiced_amounts', 'payments',
];

/** The departments a written row concerns, so that regional staff read the audit entries of their region. */
export const SCOPE_FUNCTION = `
CREATE FUNCTION audit_scope_departments(entity text, r jsonb) RETURNS text[] LANGUAGE plpgsql STABLE AS $$
DECLARE result text[];
BEGIN
  CASE entity
    WHEN 'contracts' THEN result := ARRAY[r->>'execution_department_code'];
    WHEN 'contract_parties', 'clauses', 'assignments', 'hours_statements', 'contract_monthly_hours', 'contract_invoiced_amounts', 'payments' THEN
      SELECT ARRAY[c.execution_department_code::text] INTO result FROM contracts c WHERE c.id = (r->>'contract_id')::uuid;
    WHEN 'clause_terms' THEN
      SELECT ARRAY[c.execution_department_code::text] INTO result FROM clauses cl JOIN contracts c ON c.id = cl.contract_id WHERE cl.id = (r->>'clause_id')::uuid;
    WHEN 'beneficiaries' THEN
      SELECT o.department_codes::text[] INTO result FROM organisations o WHERE o.id = (r->>'registered_by_id')::uuid;
    WHEN 'eligibility_criteria' THEN
      SELECT o.department_codes::text[] INTO result FROM beneficiaries b JOIN organisations o ON o.id = b.registered_by_id WHERE b.id = (r->>'beneficiary_id')::uuid;
    WHEN 'organisations' THEN
      result := ARRAY(SELECT jsonb_array_elements_text(r->'department_codes')) || ARRAY(SELECT d.code::text FROM departments d WHERE d.region_code = r->>'region_code');
    WHEN 'operations' THEN
      SELECT o.department_codes::text[] INTO result FROM organisations o WHERE o.id = (r->>'contracting_authority_id')::uuid;
    WHEN 'users' THEN
      SELECT o.department_codes::text[] || ARRAY(SELECT d.code::text FROM departments d WHERE d.region_code = o.region_code) INTO result
        FROM organisations o WHERE o.id = (r->>'organisation_id')::uuid;
    WHEN 'reports' THEN
      IF r->>'scope_kind' = 'department' THEN result := ARRAY[r->>'scope_code'];
      ELSE result := ARRAY(SELECT d.code::text FROM departments d WHERE d.region_code = r->>'scope_code'); END IF;
    ELSE result := '{}';
  END CASE;
  RETURN coalesce(result, '{}');
END $$`;

/**
 * One audit row per written row, in the writer's transaction. "Who" is the actor the transaction was
 * signed with (set_config('clausier.actor', ...), database/transaction.ts); a write without one is
 * refused, so no code path can write unaudited. Secrets and personal details never enter the log
 * (the log is append-only, so what enters it would outlive an erasure): the encrypted identity, the
 * commune, education level and free-text criterion reasons of a person, and the password and
 * invitation hashes appear as "[hidden]"; an update still lists them among its changed columns.
 */
export const AUDIT_FUNCTION = `
CREATE FUNCTION audit_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  raw text := current_setting('clausier.actor', true);
  actor jsonb;
  old_row jsonb;
  new_row jsonb;
  changed text[];
  secret text;
BEGIN
  IF raw IS NULL OR raw = '' THEN
    RAISE EXCEPTION 'audit: write on % without an actor: run it in a signed transaction (database/transaction.ts)', TG_TABLE_NAME;
  END IF;
  actor := raw::jsonb;
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(array_agg(k ORDER BY k), '{}') INTO changed FROM jsonb_object_keys(new_row) k WHERE old_row->k IS DISTINCT FROM new_row->k;
    IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  END IF;
  FOREACH secret IN ARRAY CASE TG_TABLE_NAME
      WHEN 'beneficiaries' THEN ARRAY['identity_enc', 'commune_code', 'education_level']
      WHEN 'eligibility_criteria' THEN ARRAY['reason']
      WHEN 'users' THEN ARRAY['password_hash', 'invitation_token_hash']
      ELSE ARRAY[]::text[] END LOOP
    IF old_row->>secret IS NOT NULL THEN old_row := jsonb_set(old_row, ARRAY[secret], '"[hidden]"'); END IF;
    IF new_row->>secret IS NOT NULL THEN new_row := jsonb_set(new_row, ARRAY[secret], '"[hidden]"'); END IF;
  END LOOP;
  INSERT INTO audit_log (actor_user_id, actor_role, actor_organisation_id, actor_label, action, entity, entity_id, before, after, changed_columns, scope_departments)
  VALUES (
    (actor->>'userId')::uuid, actor->>'role', (actor->>'organisationId')::uuid,
    coalesce(actor->>'email', 'system:' || (actor->>'system')),
    lower(TG_OP), TG_TABLE_NAME,
    coalesce(coalesce(new_row, old_row)->>'id', (coalesce(new_row, old_row)->>'contract_id') || '/' || (coalesce(new_row, old_row)->>'month')),
    old_row, new_row, changed,
    audit_scope_departments(TG_TABLE_NAME, coalesce(new_row, old_row)));
  RETURN NULL;
END $$`;

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
    await q.query(`CREATE INDEX "audit_scope" ON "audit_log" USING gin ("scope_departments")`);
    // Identities encrypted in place before the readable columns go (hand-written: the generated
    // migration dropped them, losing every name).
    await q.query(`ALTER TABLE "beneficiaries" ADD "identity_enc" bytea`);
    const cipher = new IdentityCipherV1();
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

    // The audit log: filled by triggers only, and append-only.
    await q.query(SCOPE_FUNCTION);
    await q.query(AUDIT_FUNCTION);
    for (const table of AUDITED) {
      await q.query(`CREATE TRIGGER "audit_${table}" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_write()`);
    }
    // A report is audited when someone asks for it, not at each progress step of the job.
    await q.query(`CREATE TRIGGER "audit_reports_requested" AFTER INSERT ON "reports" FOR EACH ROW EXECUTE FUNCTION audit_write()`);
    await q.query(`CREATE TRIGGER "audit_reports_requested_again" AFTER UPDATE ON "reports" FOR EACH ROW WHEN (NEW.status = 'queued' AND OLD.status <> 'queued') EXECUTE FUNCTION audit_write()`);
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of AUDITED) await q.query(`DROP TRIGGER "audit_${table}" ON "${table}"`);
    await q.query(`DROP TRIGGER "audit_reports_requested" ON "reports"`);
    await q.query(`DROP TRIGGER "audit_reports_requested_again" ON "reports"`);
    await q.query(`DROP FUNCTION audit_write()`);
    await q.query(`DROP FUNCTION audit_scope_departments(text, jsonb)`);
    await q.query(`DROP INDEX "beneficiary_once_per_structure"`);
    await q.query(`CREATE UNIQUE INDEX "beneficiary_once_per_structure" ON "beneficiaries" ("registered_by_id", "person_key")`);
    await q.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"`);
    await q.query(`DROP INDEX "public"."IDX_4ff168dff61ab77c04c0cc02cb"`);
    await q.query(`ALTER TABLE "beneficiaries" ADD "first_name" text`);
    await q.query(`ALTER TABLE "beneficiaries" ADD "last_name" text`);
    await q.query(`ALTER TABLE "beneficiaries" ADD "birth_date" date`);
    const cipher = new IdentityCipherV1();
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
