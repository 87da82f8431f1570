-- A change counter per input table of the figures, for the reports' data watermark
-- (src/reports/data-watermark.ts): every statement writing one adds 1, in the writer's transaction,
-- on one of 64 rows picked by the backend so concurrent writers seldom wait on the same row.
-- History: migration DataChanges.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.data_changes_count()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        INSERT INTO data_changes AS d (table_name, shard, changes) VALUES (TG_TABLE_NAME, pg_backend_pid() % 64, 1)
        ON CONFLICT (table_name, shard) DO UPDATE SET changes = d.changes + 1;
        RETURN NULL;
      END $function$;

CREATE TRIGGER data_changes_assignments AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.assignments FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_beneficiaries AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.beneficiaries FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_clause_terms AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.clause_terms FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_clauses AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.clauses FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_contract_invoiced_amounts AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.contract_invoiced_amounts FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_contract_monthly_hours AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.contract_monthly_hours FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_contract_parties AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.contract_parties FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_contracts AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.contracts FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_eligibility_criteria AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.eligibility_criteria FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_hours_statements AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.hours_statements FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_organisations AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.organisations FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
CREATE TRIGGER data_changes_payments AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.payments FOR EACH STATEMENT EXECUTE FUNCTION data_changes_count();
