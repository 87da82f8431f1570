import { eligibilityRuleSql, eligibleAssignmentSql, eligibleCriteriaSql } from './eligibility.sql';

describe('eligibility SQL', () => {
  it('refers only to the alias the caller gives, so other modules can embed it in their own queries', () => {
    expect(eligibleAssignmentSql('asg')).toBe('asg.eligible');
    const rule = eligibilityRuleSql('NEW.beneficiary_id', 'NEW.start_date');
    expect(rule).toContain('elig_c.beneficiary_id = NEW.beneficiary_id');
    expect(rule).not.toMatch(/\ba\./);
    expect(eligibleCriteriaSql('asg')).not.toMatch(/\ba\./);
  });

  it('tests validity on the start date at both ends', () => {
    expect(eligibilityRuleSql('a.beneficiary_id', 'a.start_date')).toContain('elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date)');
  });
});
