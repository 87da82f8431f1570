-- A changed assignment -> its first month's flag and profile, and its validated hours moved between
-- validated and non-eligible in contract_month_totals when its eligibility changed. No column list on
-- the trigger: the flag set by aggregates_assignment_eligibility is not a column the UPDATE names.
-- The criteria are eligibleCriteriaSql of src/assignments/eligibility.sql.ts (DOMAIN rule 5).
-- History: migrations EligibilityAggregates, AssignmentProfiles.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.aggregates_assignments_follow()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     UPDATE assignment_first_months f SET eligible = n.eligible, person_key = b.person_key, start_date = n.start_date, modality = n.modality,
            exit_outcome = n.exit_outcome, sex = b.sex, birth_year = b.birth_year, qpv_resident = b.qpv_resident, criteria = ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = n.beneficiary_id AND elig_c.validated_on <= n.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= n.start_date) ORDER BY 1)
       FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN beneficiaries b ON b.id = n.beneficiary_id
      WHERE f.assignment_id = n.id
        AND (o.eligible, o.beneficiary_id, o.start_date, o.modality, o.exit_outcome) IS DISTINCT FROM (n.eligible, n.beneficiary_id, n.start_date, n.modality, n.exit_outcome);
     INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
     SELECT s.contract_id, s.month, 0, 0, sum(CASE WHEN n.eligible THEN -s.hours_x100 ELSE s.hours_x100 END)
       FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.eligible IS DISTINCT FROM n.eligible
       JOIN hours_statements s ON s.assignment_id = n.id AND s.status = 'validated'
      GROUP BY s.contract_id, s.month
      ORDER BY s.contract_id, s.month
     ON CONFLICT (contract_id, month) DO UPDATE SET not_eligible_x100 = t.not_eligible_x100 + excluded.not_eligible_x100;
     RETURN NULL;
   END $function$;

CREATE TRIGGER aggregates_assignments_follow AFTER UPDATE ON public.assignments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_assignments_follow();
