-- SELECT rebuild_aggregates(): every pre-summed figure recomputed from the raw rows, after a restore
-- or a load that bypassed the triggers (the benchmark's COPY); then VACUUM ANALYZE the tables so
-- they are read index-only again. Two parts, each replaceable alone:
-- - rebuild_hours_aggregates(): the assignments' eligibility flags, contract_month_totals (pending:
--   a correction by its difference with the statement it supersedes, DOMAIN rule 3) and
--   assignment_first_months. The eligibility flag is eligibilityRuleSql and the criteria
--   eligibleCriteriaSql of src/assignments/eligibility.sql.ts (DOMAIN rule 5);
-- - rebuild_activity_aggregates(): contract_month_activity, what SMEs executed by is_sme() and
--   sme_executed_sign() (src/compliance/rules/sme_share.sql, DOMAIN rule 10).
-- History: migrations Aggregates, EligibilityAggregates, AssignmentProfiles, ContractMonthActivity,
-- PendingCorrections, SmeShareOnce.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.rebuild_aggregates()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM rebuild_hours_aggregates();
     PERFORM rebuild_activity_aggregates();
   END $function$;

CREATE OR REPLACE FUNCTION public.rebuild_hours_aggregates()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
   BEGIN
     UPDATE assignments a SET eligible = EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date))
      WHERE a.eligible IS DISTINCT FROM EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date));
     DELETE FROM contract_month_totals;
     INSERT INTO contract_month_totals (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
     SELECT s.contract_id, s.month, coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated'), 0),
            coalesce(sum(s.hours_x100 - coalesce(replaced.hours_x100, 0)) FILTER (WHERE s.status = 'declared'), 0),
            coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated' AND NOT a.eligible), 0)
       FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id
       LEFT JOIN hours_statements replaced ON replaced.id = s.supersedes_id AND s.status = 'declared'
      WHERE s.status IN ('validated', 'declared') GROUP BY s.contract_id, s.month;
     DELETE FROM assignment_first_months;
     INSERT INTO assignment_first_months (assignment_id, contract_id, person_key, first_month, eligible, start_date, modality, exit_outcome, sex, birth_year, qpv_resident, criteria)
     SELECT a.id, a.contract_id, b.person_key, m.first_month, a.eligible, a.start_date, a.modality, a.exit_outcome, b.sex, b.birth_year, b.qpv_resident, ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = a.beneficiary_id AND elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date) ORDER BY 1)
       FROM (SELECT assignment_id, min(month) AS first_month FROM hours_statements WHERE status = 'validated' GROUP BY assignment_id) m
       JOIN assignments a ON a.id = m.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id;
   END $function$;

CREATE OR REPLACE FUNCTION public.rebuild_activity_aggregates()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
   BEGIN
     DELETE FROM contract_month_activity;
     INSERT INTO contract_month_activity (contract_id, month, contract_hours_x100, invoiced_cents, sme_confirmed_cents, sme_declared_cents)
     SELECT contract_id, month, sum(hours), sum(invoiced), sum(confirmed), sum(declared) FROM (
       SELECT contract_id, month, hours_x100 AS hours, 0 AS invoiced, 0 AS confirmed, 0 AS declared FROM contract_monthly_hours
       UNION ALL SELECT i.contract_id, i.month, 0, i.amount_cents, CASE WHEN is_sme(holder.size) THEN i.amount_cents ELSE 0 END, 0
                   FROM contract_invoiced_amounts i JOIN contracts k ON k.id = i.contract_id JOIN organisations holder ON holder.id = k.holder_id
       UNION ALL SELECT p.contract_id, p.month, 0, 0, CASE WHEN p.status = 'confirmed' THEN p.amount_cents * sme_executed_sign(is_sme(payer.size), is_sme(payee.size), p.payer_id = k.holder_id) ELSE 0 END,
                        CASE WHEN p.status = 'declared' THEN p.amount_cents * sme_executed_sign(is_sme(payer.size), is_sme(payee.size), p.payer_id = k.holder_id) ELSE 0 END
                   FROM payments p JOIN contracts k ON k.id = p.contract_id
                   JOIN organisations payer ON payer.id = p.payer_id JOIN organisations payee ON payee.id = p.payee_id
                  WHERE p.status IN ('confirmed', 'declared')
     ) x GROUP BY contract_id, month;
   END $function$;
