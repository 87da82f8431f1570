/**
 * DOMAIN rule 5, written once in SQL so every figure (assignment flag, realised hours, reports)
 * applies the same test. Aliases are spliced into SQL: pass only trusted identifiers, never input.
 */

/** A criterion row `c` holds on `date` (an SQL date expression): validated by then and not expired. */
export function criterionValidOnSql(c: string, date: string): string {
  return `${c}.validated_on <= ${date} AND (${c}.valid_until IS NULL OR ${c}.valid_until >= ${date})`;
}

/**
 * The rule itself, on an assignment's beneficiary and start date (SQL expressions): at least one
 * criterion valid that day. The database keeps `assignments.eligible` equal to it (the triggers in
 * compliance/aggregates/*.sql, whose text test/e2e/database-functions.e2e-spec.ts checks against
 * this function's); queries read the flag.
 */
export function eligibilityRuleSql(beneficiaryId: string, startDate: string): string {
  return `EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = ${beneficiaryId} AND ${criterionValidOnSql('elig_c', startDate)})`;
}

/** True when the assignment row aliased `a` is eligible (the flag maintained from the rule above). */
export function eligibleAssignmentSql(a = 'a'): string {
  return `${a}.eligible`;
}

/** The kinds of criteria that make the assignment `a` eligible, as a sorted text[] (empty when none). */
export function eligibleCriteriaSql(a = 'a'): string {
  return `ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = ${a}.beneficiary_id AND ${criterionValidOnSql('elig_c', `${a}.start_date`)} ORDER BY 1)`;
}
