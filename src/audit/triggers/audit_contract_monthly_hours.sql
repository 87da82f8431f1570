-- The audit log of contract_monthly_hours: one entry per written row, in the writer's transaction, by statement-level
-- triggers reading the transition tables (a bulk write is logged by one INSERT). "Who" is the
-- signature of the transaction (src/database/transaction.ts); a write without one is refused.
-- Generated per table by migrations/support/audit-triggers.ts (AUDITED_TABLES); history: migration
-- StatementAuditAndOnboarding.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.audit_contract_monthly_hours_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE raw text := current_setting('clausier.actor', true);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows r) THEN RETURN NULL; END IF;
  IF raw IS NULL OR raw = '' THEN
    RAISE EXCEPTION 'audit: write on contract_monthly_hours without an actor: run it in a signed transaction (database/transaction.ts)';
  END IF;
  WITH actor AS (SELECT raw::jsonb AS v)
  INSERT INTO audit_log (actor_user_id, actor_role, actor_organisation_id, actor_label, action, entity, entity_id, before, after, changed_columns, scope_departments)
  SELECT (a.v->>'userId')::uuid, a.v->>'role', (a.v->>'organisationId')::uuid, coalesce(a.v->>'email', 'system:' || (a.v->>'system')), 'delete', 'contract_monthly_hours', r.contract_id || '/' || r.month, to_jsonb(r), NULL,
        NULL::text[], coalesce(ARRAY[sc.execution_department_code::text], '{}')
      FROM old_rows r LEFT JOIN contracts sc ON sc.id = r.contract_id, actor a;
  RETURN NULL;
END $function$;

CREATE OR REPLACE FUNCTION public.audit_contract_monthly_hours_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE raw text := current_setting('clausier.actor', true);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows r) THEN RETURN NULL; END IF;
  IF raw IS NULL OR raw = '' THEN
    RAISE EXCEPTION 'audit: write on contract_monthly_hours without an actor: run it in a signed transaction (database/transaction.ts)';
  END IF;
  WITH actor AS (SELECT raw::jsonb AS v)
  INSERT INTO audit_log (actor_user_id, actor_role, actor_organisation_id, actor_label, action, entity, entity_id, before, after, changed_columns, scope_departments)
  SELECT (a.v->>'userId')::uuid, a.v->>'role', (a.v->>'organisationId')::uuid, coalesce(a.v->>'email', 'system:' || (a.v->>'system')), 'insert', 'contract_monthly_hours', r.contract_id || '/' || r.month, NULL, to_jsonb(r),
        NULL::text[], coalesce(ARRAY[sc.execution_department_code::text], '{}')
      FROM new_rows r LEFT JOIN contracts sc ON sc.id = r.contract_id, actor a;
  RETURN NULL;
END $function$;

CREATE OR REPLACE FUNCTION public.audit_contract_monthly_hours_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE raw text := current_setting('clausier.actor', true);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows r ON r.contract_id = o.contract_id AND r.month = o.month WHERE to_jsonb(o) <> to_jsonb(r)) THEN RETURN NULL; END IF;
  IF raw IS NULL OR raw = '' THEN
    RAISE EXCEPTION 'audit: write on contract_monthly_hours without an actor: run it in a signed transaction (database/transaction.ts)';
  END IF;
  WITH actor AS (SELECT raw::jsonb AS v)
  INSERT INTO audit_log (actor_user_id, actor_role, actor_organisation_id, actor_label, action, entity, entity_id, before, after, changed_columns, scope_departments)
  SELECT (a.v->>'userId')::uuid, a.v->>'role', (a.v->>'organisationId')::uuid, coalesce(a.v->>'email', 'system:' || (a.v->>'system')), 'update', 'contract_monthly_hours', r.contract_id || '/' || r.month, oj, rj,
        ARRAY(SELECT k FROM jsonb_object_keys(rj) k WHERE oj->k IS DISTINCT FROM rj->k ORDER BY k), coalesce(ARRAY[sc.execution_department_code::text], '{}')
      FROM old_rows o JOIN new_rows r ON r.contract_id = o.contract_id AND r.month = o.month
      CROSS JOIN LATERAL (SELECT to_jsonb(o) AS oj, to_jsonb(r) AS rj) j LEFT JOIN contracts sc ON sc.id = r.contract_id, actor a
      WHERE j.oj <> j.rj;
  RETURN NULL;
END $function$;

CREATE TRIGGER audit_contract_monthly_hours_delete AFTER DELETE ON public.contract_monthly_hours REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_contract_monthly_hours_delete();
CREATE TRIGGER audit_contract_monthly_hours_insert AFTER INSERT ON public.contract_monthly_hours REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_contract_monthly_hours_insert();
CREATE TRIGGER audit_contract_monthly_hours_update AFTER UPDATE ON public.contract_monthly_hours REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_contract_monthly_hours_update();
