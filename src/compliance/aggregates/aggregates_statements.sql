-- Hours statements -> the pre-summed figures, in the writer's transaction: contract_month_totals
-- (validated, pending and non-eligible hundredths of an hour per contract and month) and
-- assignment_first_months (each assignment's first validated month, its eligibility flag and the
-- profile the report breakdowns count it by).
-- Pending (DOMAIN rule 3): a declared statement adds its hours; a declared correction adds its
-- difference with the statement it supersedes (negative when it lowers it), so realised + pending is
-- what realised becomes once everything awaiting a decision is validated.
-- Exact under concurrency: totals move by commutative deltas; a first month only decreases (LEAST)
-- and is recomputed from the statements when a validated month leaves 'validated'. Lock order of
-- every writer: assignments by id (FOR SHARE here), then totals by contract and month.
-- DOMAIN rules 3 and 7. The criteria of a profile are eligibleCriteriaSql of
-- src/assignments/eligibility.sql.ts (rule 5).
-- History: migrations Aggregates, EligibilityAggregates, AssignmentProfiles, PendingCorrections (their
-- comments say why).
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.aggregates_statements_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM 1 FROM assignments WHERE id IN (SELECT assignment_id FROM old_rows WHERE status = 'validated') ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
  SELECT c.contract_id, c.month,
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated'), 0),
         coalesce(sum(c.sign * (c.hours_x100 - coalesce(replaced.hours_x100, 0))) FILTER (WHERE c.status = 'declared'), 0),
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated' AND NOT a.eligible), 0)
    FROM (SELECT contract_id, month, status, hours_x100, -1 AS sign, assignment_id, supersedes_id FROM old_rows) c JOIN assignments a ON a.id = c.assignment_id
    LEFT JOIN (SELECT id, hours_x100 FROM hours_statements UNION ALL SELECT id, hours_x100 FROM old_rows) replaced ON replaced.id = c.supersedes_id AND c.status = 'declared'
   WHERE c.status IN ('validated', 'declared')
   GROUP BY c.contract_id, c.month
   ORDER BY c.contract_id, c.month
  ON CONFLICT (contract_id, month) DO UPDATE
     SET validated_x100 = t.validated_x100 + excluded.validated_x100, declared_x100 = t.declared_x100 + excluded.declared_x100,
         not_eligible_x100 = t.not_eligible_x100 + excluded.not_eligible_x100;
     
  PERFORM 1 FROM assignments WHERE id IN (SELECT o.assignment_id FROM old_rows o WHERE o.status = 'validated') ORDER BY id FOR SHARE;
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month, eligible, start_date, modality, exit_outcome, sex, birth_year, qpv_resident, criteria)
  SELECT s.assignment_id, s.contract_id, b.person_key, min(s.month), a.eligible, a.start_date, a.modality, a.exit_outcome, b.sex, b.birth_year, b.qpv_resident, ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date) ORDER BY 1)
    FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE s.status = 'validated' AND s.assignment_id IN (SELECT o.assignment_id FROM old_rows o WHERE o.status = 'validated')
   GROUP BY s.assignment_id, s.contract_id, a.id, b.id
   ORDER BY s.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = excluded.first_month, eligible = excluded.eligible, start_date = excluded.start_date, modality = excluded.modality, exit_outcome = excluded.exit_outcome, sex = excluded.sex,
  birth_year = excluded.birth_year, qpv_resident = excluded.qpv_resident, criteria = excluded.criteria;
  DELETE FROM assignment_first_months f
   WHERE f.assignment_id IN (SELECT o.assignment_id FROM old_rows o WHERE o.status = 'validated')
     AND NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.assignment_id = f.assignment_id AND s.status = 'validated');
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.aggregates_statements_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     -- A declaration (what the API's POST writes) has no validated hours: no lock, no first month to look at.
     IF NOT EXISTS (SELECT 1 FROM new_rows WHERE status = 'validated') THEN
       
  INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
  SELECT c.contract_id, c.month,
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated'), 0),
         coalesce(sum(c.sign * (c.hours_x100 - coalesce(replaced.hours_x100, 0))) FILTER (WHERE c.status = 'declared'), 0),
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated' AND NOT a.eligible), 0)
    FROM (SELECT contract_id, month, status, hours_x100, 1 AS sign, assignment_id, supersedes_id FROM new_rows) c JOIN assignments a ON a.id = c.assignment_id
    LEFT JOIN (SELECT id, hours_x100 FROM hours_statements) replaced ON replaced.id = c.supersedes_id AND c.status = 'declared'
   WHERE c.status IN ('validated', 'declared')
   GROUP BY c.contract_id, c.month
   ORDER BY c.contract_id, c.month
  ON CONFLICT (contract_id, month) DO UPDATE
     SET validated_x100 = t.validated_x100 + excluded.validated_x100, declared_x100 = t.declared_x100 + excluded.declared_x100,
         not_eligible_x100 = t.not_eligible_x100 + excluded.not_eligible_x100;
       RETURN NULL;
     END IF;
     PERFORM 1 FROM assignments WHERE id IN (SELECT assignment_id FROM new_rows WHERE status = 'validated') ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
  SELECT c.contract_id, c.month,
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated'), 0),
         coalesce(sum(c.sign * (c.hours_x100 - coalesce(replaced.hours_x100, 0))) FILTER (WHERE c.status = 'declared'), 0),
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated' AND NOT a.eligible), 0)
    FROM (SELECT contract_id, month, status, hours_x100, 1 AS sign, assignment_id, supersedes_id FROM new_rows) c JOIN assignments a ON a.id = c.assignment_id
    LEFT JOIN (SELECT id, hours_x100 FROM hours_statements) replaced ON replaced.id = c.supersedes_id AND c.status = 'declared'
   WHERE c.status IN ('validated', 'declared')
   GROUP BY c.contract_id, c.month
   ORDER BY c.contract_id, c.month
  ON CONFLICT (contract_id, month) DO UPDATE
     SET validated_x100 = t.validated_x100 + excluded.validated_x100, declared_x100 = t.declared_x100 + excluded.declared_x100,
         not_eligible_x100 = t.not_eligible_x100 + excluded.not_eligible_x100;
     
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month, eligible, start_date, modality, exit_outcome, sex, birth_year, qpv_resident, criteria)
  SELECT r.assignment_id, r.contract_id, b.person_key, min(r.month), a.eligible, a.start_date, a.modality, a.exit_outcome, b.sex, b.birth_year, b.qpv_resident, ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date) ORDER BY 1)
    FROM new_rows r JOIN assignments a ON a.id = r.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE r.status = 'validated'
   GROUP BY r.assignment_id, r.contract_id, a.id, b.id
   ORDER BY r.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = LEAST(f.first_month, excluded.first_month), eligible = excluded.eligible, start_date = excluded.start_date, modality = excluded.modality, exit_outcome = excluded.exit_outcome, sex = excluded.sex,
  birth_year = excluded.birth_year, qpv_resident = excluded.qpv_resident, criteria = excluded.criteria
  -- Most writes (a new month after the first) change nothing here: the row is then left as it is, not rewritten.
   WHERE (f.first_month, f.eligible, f.start_date, f.modality, f.exit_outcome, f.sex, f.birth_year, f.qpv_resident, f.criteria)
         IS DISTINCT FROM (LEAST(f.first_month, excluded.first_month), excluded.eligible, excluded.start_date, excluded.modality, excluded.exit_outcome, excluded.sex, excluded.birth_year, excluded.qpv_resident, excluded.criteria);
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.aggregates_statements_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM 1 FROM assignments WHERE id IN (SELECT assignment_id FROM (SELECT assignment_id, status FROM new_rows UNION ALL SELECT assignment_id, status FROM old_rows) changed WHERE status = 'validated') ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
  SELECT c.contract_id, c.month,
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated'), 0),
         coalesce(sum(c.sign * (c.hours_x100 - coalesce(replaced.hours_x100, 0))) FILTER (WHERE c.status = 'declared'), 0),
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated' AND NOT a.eligible), 0)
    FROM (SELECT contract_id, month, status, hours_x100, 1 AS sign, assignment_id, supersedes_id FROM new_rows UNION ALL SELECT contract_id, month, status, hours_x100, -1 AS sign, assignment_id, supersedes_id FROM old_rows) c JOIN assignments a ON a.id = c.assignment_id
    LEFT JOIN (SELECT id, hours_x100 FROM hours_statements) replaced ON replaced.id = c.supersedes_id AND c.status = 'declared'
   WHERE c.status IN ('validated', 'declared')
   GROUP BY c.contract_id, c.month
   ORDER BY c.contract_id, c.month
  ON CONFLICT (contract_id, month) DO UPDATE
     SET validated_x100 = t.validated_x100 + excluded.validated_x100, declared_x100 = t.declared_x100 + excluded.declared_x100,
         not_eligible_x100 = t.not_eligible_x100 + excluded.not_eligible_x100;
     
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month, eligible, start_date, modality, exit_outcome, sex, birth_year, qpv_resident, criteria)
  SELECT r.assignment_id, r.contract_id, b.person_key, min(r.month), a.eligible, a.start_date, a.modality, a.exit_outcome, b.sex, b.birth_year, b.qpv_resident, ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date) ORDER BY 1)
    FROM new_rows r JOIN assignments a ON a.id = r.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE r.status = 'validated'
   GROUP BY r.assignment_id, r.contract_id, a.id, b.id
   ORDER BY r.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = LEAST(f.first_month, excluded.first_month), eligible = excluded.eligible, start_date = excluded.start_date, modality = excluded.modality, exit_outcome = excluded.exit_outcome, sex = excluded.sex,
  birth_year = excluded.birth_year, qpv_resident = excluded.qpv_resident, criteria = excluded.criteria
  -- Most writes (a new month after the first) change nothing here: the row is then left as it is, not rewritten.
   WHERE (f.first_month, f.eligible, f.start_date, f.modality, f.exit_outcome, f.sex, f.birth_year, f.qpv_resident, f.criteria)
         IS DISTINCT FROM (LEAST(f.first_month, excluded.first_month), excluded.eligible, excluded.start_date, excluded.modality, excluded.exit_outcome, excluded.sex, excluded.birth_year, excluded.qpv_resident, excluded.criteria);
     IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE o.status = 'validated' AND (n.status <> 'validated' OR n.month <> o.month OR n.assignment_id <> o.assignment_id)
                   AND NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.assignment_id = o.assignment_id AND s.month = o.month AND s.status = 'validated')) THEN
       
  PERFORM 1 FROM assignments WHERE id IN (SELECT o.assignment_id FROM old_rows o) ORDER BY id FOR SHARE;
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month, eligible, start_date, modality, exit_outcome, sex, birth_year, qpv_resident, criteria)
  SELECT s.assignment_id, s.contract_id, b.person_key, min(s.month), a.eligible, a.start_date, a.modality, a.exit_outcome, b.sex, b.birth_year, b.qpv_resident, ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date) ORDER BY 1)
    FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE s.status = 'validated' AND s.assignment_id IN (SELECT o.assignment_id FROM old_rows o)
   GROUP BY s.assignment_id, s.contract_id, a.id, b.id
   ORDER BY s.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = excluded.first_month, eligible = excluded.eligible, start_date = excluded.start_date, modality = excluded.modality, exit_outcome = excluded.exit_outcome, sex = excluded.sex,
  birth_year = excluded.birth_year, qpv_resident = excluded.qpv_resident, criteria = excluded.criteria;
  DELETE FROM assignment_first_months f
   WHERE f.assignment_id IN (SELECT o.assignment_id FROM old_rows o)
     AND NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.assignment_id = f.assignment_id AND s.status = 'validated');
     END IF;
     RETURN NULL;
   END $function$;

CREATE TRIGGER aggregates_statements_delete AFTER DELETE ON public.hours_statements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_statements_delete();
CREATE TRIGGER aggregates_statements_insert AFTER INSERT ON public.hours_statements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_statements_insert();
CREATE TRIGGER aggregates_statements_update AFTER UPDATE ON public.hours_statements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_statements_update();
