import { eligibleAssignmentSql, eligibleCriteriaSql } from './eligibility.sql';

describe('eligibility SQL', () => {
  it('refers only to the alias the caller gives, so other modules can embed it in their own queries', () => {
    const sql = eligibleAssignmentSql('asg');
    expect(sql).toContain('asg.beneficiary_id');
    expect(sql).toContain('asg.start_date');
    expect(sql).not.toMatch(/\ba\./);
    expect(eligibleCriteriaSql('asg')).not.toMatch(/\ba\./);
  });

  it('tests validity on the start date at both ends', () => {
    expect(eligibleAssignmentSql('a')).toContain('elig_c.validated_on <= a.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= a.start_date)');
  });
});
