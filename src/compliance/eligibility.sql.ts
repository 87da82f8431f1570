/**
 * DOMAIN rule 5, as SQL: the assignment aliased `a` is eligible when its beneficiary had at least one
 * criterion valid on the assignment's start date (validated on or before it, not expired).
 * Private to compliance until src/assignments/eligibility.sql.ts exists; then use that one.
 */
export function eligibleAssignmentSql(a = 'a'): string {
  return `EXISTS (SELECT 1 FROM eligibility_criteria ec WHERE ec.beneficiary_id = ${a}.beneficiary_id
    AND ec.validated_on <= ${a}.start_date AND (ec.valid_until IS NULL OR ec.valid_until >= ${a}.start_date))`;
}
