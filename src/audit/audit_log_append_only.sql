-- The audit log is append-only: no update, delete or truncate, whoever asks.
-- History: migration AccountsAndAudit.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $function$;

CREATE TRIGGER audit_log_append_only BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
