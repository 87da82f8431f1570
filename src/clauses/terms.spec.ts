import { BadInputError, RuleViolationError } from '../common/errors/domain-errors';
import { termsFromInput } from './terms';

describe('termsFromInput', () => {
  it('stores decimal hours as exact hundredths', () => {
    expect(termsFromInput('insertion_hours', { targetMode: 'fixed', fixedHours: 146000.07 }).fixedHoursX100).toBe(14_600_007);
    expect(termsFromInput('insertion_hours', { targetMode: 'fixed', fixedHours: '0.1' }).fixedHoursX100).toBe(10);
  });

  it('names each input a mode is missing, by its API name', () => {
    try {
      termsFromInput('insertion_hours', { targetMode: 'formula' });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(RuleViolationError);
      expect((e as RuleViolationError).details.map((d) => d.field)).toEqual(['labourShare', 'insertionRate', 'hourlyCostCents']);
    }
  });

  it('refuses an input of another mode, even alongside a complete set', () => {
    expect(() => termsFromInput('insertion_hours', { targetMode: 'per_amount_invoiced', centsPerHour: 100, labourShare: 0.5 })).toThrow(BadInputError);
  });

  it('keeps only the fields of the kind, nulls elsewhere', () => {
    expect(termsFromInput('sme_share', { smeMinShare: 0.2 })).toEqual({
      targetMode: null, fixedHoursX100: null, labourShare: null, insertionRate: null, hourlyCostCents: null, centsPerHour: null,
      penaltyCentsPerHour: null, smeMinShare: 0.2, reservation: null,
    });
  });
});
