-- assignments.eligible set when an assignment is written (or its person or start date change):
-- DOMAIN rule 5, as eligibilityRuleSql of src/assignments/eligibility.sql.ts writes it. Waits for a
-- criterion being written for the same person (aggregates_criteria locks the person).
-- History: migration Aggregates.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.aggregates_assignment_eligibility()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     -- Waits for a criterion being written for this person (its trigger locks the person for no-key update).
     PERFORM 1 FROM beneficiaries WHERE id = NEW.beneficiary_id FOR SHARE;
     NEW.eligible := EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = NEW.beneficiary_id AND elig_c.validated_on <= NEW.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= NEW.start_date));
     RETURN NEW;
   END $function$;

CREATE TRIGGER aggregates_assignment_eligibility BEFORE INSERT OR UPDATE OF beneficiary_id, start_date ON public.assignments FOR EACH ROW EXECUTE FUNCTION aggregates_assignment_eligibility();
