import { RuleViolationError } from '../common/errors/domain-errors';
import { monthWithinContract } from './contract-months';

describe('monthWithinContract', () => {
  const contract = { startDate: '2026-01-31', endDate: '2026-03-01' };

  it('accepts every month sharing at least one day with the contract, as its first day', () => {
    expect(monthWithinContract(contract, '2026-01')).toBe('2026-01-01'); // only the 31st is in
    expect(monthWithinContract(contract, '2026-02')).toBe('2026-02-01');
    expect(monthWithinContract(contract, '2026-03')).toBe('2026-03-01'); // only the 1st is in
  });

  it('refuses the months just before and after, naming the field and the rule', () => {
    for (const month of ['2025-12', '2026-04']) {
      let error: unknown;
      try {
        monthWithinContract(contract, month, 'payMonth');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RuleViolationError);
      expect(error).toMatchObject({ code: 'month_outside_contract', details: [{ field: 'payMonth' }] });
    }
  });
});
