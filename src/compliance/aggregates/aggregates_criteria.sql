-- Eligibility criteria -> assignments.eligible, then the first months' criteria. DOMAIN rule 5: the
-- flag is eligibilityRuleSql of src/assignments/eligibility.sql.ts, the criteria eligibleCriteriaSql.
-- Locks the people (NO KEY UPDATE: criteria written at once queue without deadlocking on their
-- foreign-key checks), then their assignments in id order, the order every writer takes. Changing a
-- flag fires aggregates_assignments_follow, which moves the assignment's hours between the columns.
-- History: migrations Aggregates, EligibilityAggregates, AssignmentProfiles.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.aggregates_criteria_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM 1 FROM beneficiaries b WHERE b.id IN (SELECT beneficiary_id FROM old_rows) ORDER BY b.id FOR NO KEY UPDATE;
     PERFORM 1 FROM assignments a WHERE a.beneficiary_id IN (SELECT beneficiary_id FROM old_rows) ORDER BY a.id FOR NO KEY UPDATE;
     UPDATE assignments a SET eligible = x.eligible
       FROM (SELECT a2.id, EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a2.beneficiary_id AND elig_c.validated_on <= a2.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a2.start_date)) AS eligible
               FROM assignments a2 WHERE a2.beneficiary_id IN (SELECT beneficiary_id FROM old_rows)) x
      WHERE a.id = x.id AND a.eligible IS DISTINCT FROM x.eligible;
     -- A second criterion changes the breakdown by criterion, not the flag.
     
  UPDATE assignment_first_months f SET criteria = x.criteria
    FROM (SELECT a.id, ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date) ORDER BY 1) AS criteria FROM assignments a WHERE a.beneficiary_id IN (SELECT beneficiary_id FROM old_rows)) x
   WHERE f.assignment_id = x.id AND f.criteria IS DISTINCT FROM x.criteria;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.aggregates_criteria_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM 1 FROM beneficiaries b WHERE b.id IN (SELECT beneficiary_id FROM new_rows) ORDER BY b.id FOR NO KEY UPDATE;
     PERFORM 1 FROM assignments a WHERE a.beneficiary_id IN (SELECT beneficiary_id FROM new_rows) ORDER BY a.id FOR NO KEY UPDATE;
     UPDATE assignments a SET eligible = x.eligible
       FROM (SELECT a2.id, EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a2.beneficiary_id AND elig_c.validated_on <= a2.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a2.start_date)) AS eligible
               FROM assignments a2 WHERE a2.beneficiary_id IN (SELECT beneficiary_id FROM new_rows)) x
      WHERE a.id = x.id AND a.eligible IS DISTINCT FROM x.eligible;
     -- A second criterion changes the breakdown by criterion, not the flag.
     
  UPDATE assignment_first_months f SET criteria = x.criteria
    FROM (SELECT a.id, ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date) ORDER BY 1) AS criteria FROM assignments a WHERE a.beneficiary_id IN (SELECT beneficiary_id FROM new_rows)) x
   WHERE f.assignment_id = x.id AND f.criteria IS DISTINCT FROM x.criteria;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.aggregates_criteria_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM 1 FROM beneficiaries b WHERE b.id IN (SELECT beneficiary_id FROM new_rows UNION SELECT beneficiary_id FROM old_rows) ORDER BY b.id FOR NO KEY UPDATE;
     PERFORM 1 FROM assignments a WHERE a.beneficiary_id IN (SELECT beneficiary_id FROM new_rows UNION SELECT beneficiary_id FROM old_rows) ORDER BY a.id FOR NO KEY UPDATE;
     UPDATE assignments a SET eligible = x.eligible
       FROM (SELECT a2.id, EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a2.beneficiary_id AND elig_c.validated_on <= a2.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a2.start_date)) AS eligible
               FROM assignments a2 WHERE a2.beneficiary_id IN (SELECT beneficiary_id FROM new_rows UNION SELECT beneficiary_id FROM old_rows)) x
      WHERE a.id = x.id AND a.eligible IS DISTINCT FROM x.eligible;
     -- A second criterion changes the breakdown by criterion, not the flag.
     
  UPDATE assignment_first_months f SET criteria = x.criteria
    FROM (SELECT a.id, ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date) ORDER BY 1) AS criteria FROM assignments a WHERE a.beneficiary_id IN (SELECT beneficiary_id FROM new_rows UNION SELECT beneficiary_id FROM old_rows)) x
   WHERE f.assignment_id = x.id AND f.criteria IS DISTINCT FROM x.criteria;
     RETURN NULL;
   END $function$;

CREATE TRIGGER aggregates_criteria_delete AFTER DELETE ON public.eligibility_criteria REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_criteria_delete();
CREATE TRIGGER aggregates_criteria_insert AFTER INSERT ON public.eligibility_criteria REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_criteria_insert();
CREATE TRIGGER aggregates_criteria_update AFTER UPDATE ON public.eligibility_criteria REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_criteria_update();
