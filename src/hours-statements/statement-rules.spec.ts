import { RuleViolationError } from '../common/errors/domain-errors';
import { AssignmentContext } from './hours-statements.repository';
import { assertMonthWithinDates, assertWithinLegalCap, monthOutside } from './statement-rules';

const ctx = (o: Partial<AssignmentContext> = {}): AssignmentContext => ({
  assignmentId: 'a', contractId: 'c', personKey: 'p',
  assignmentStart: '2026-03-15', assignmentEnd: '2026-05-10', contractStart: '2026-01-01', contractEnd: '2026-12-31', ...o,
});

function caught(f: () => void): RuleViolationError {
  try {
    f();
  } catch (e) {
    return e as RuleViolationError;
  }
  throw new Error('expected a refusal');
}

describe('monthOutside', () => {
  it('keeps months sharing at least one day with the period', () => {
    expect(monthOutside('2026-03-01', '2026-03-31', null)).toBe(false);
    expect(monthOutside('2026-05-01', '2026-03-15', '2026-05-01')).toBe(false);
    expect(monthOutside('2030-01-01', '2026-03-15', null)).toBe(false);
  });
  it('refuses months wholly before or after', () => {
    expect(monthOutside('2026-02-01', '2026-03-01', null)).toBe(true);
    expect(monthOutside('2026-06-01', '2026-03-15', '2026-05-31')).toBe(true);
  });
});

describe('assertMonthWithinDates', () => {
  it('names the assignment dates first', () => {
    const e = caught(() => assertMonthWithinDates('2026-06-01', ctx()));
    expect(e.code).toBe('month_outside_assignment');
    expect(e.message).toContain('2026-03-15 to 2026-05-10');
    expect(e.details[0].field).toBe('month');
  });
  it('then the contract dates', () => {
    const e = caught(() => assertMonthWithinDates('2027-01-01', ctx({ assignmentEnd: null })));
    expect(e.code).toBe('month_outside_contract');
    expect(e.message).toContain('2026-01-01 to 2026-12-31');
  });
});

describe('assertWithinLegalCap', () => {
  it('accepts exactly the cap of a 31-day month and refuses one hundredth more', () => {
    expect(() => assertWithinLegalCap('2026-03-01', 10000, 11257)).not.toThrow();
    const e = caught(() => assertWithinLegalCap('2026-03-01', 10000, 11258));
    expect(e.code).toBe('legal_monthly_cap');
    expect(e.message).toContain('212.57 h');
    expect(e.message).toContain('current total 100.00 h');
    expect(e.extra).toEqual({ capHours: 212.57, currentHours: 100, requestedHours: 112.58, month: '2026-03' });
  });
  it('uses 192 h in a 28-day February', () => {
    expect(() => assertWithinLegalCap('2026-02-01', 0, 19200)).not.toThrow();
    expect(caught(() => assertWithinLegalCap('2026-02-01', 0, 19201)).extra).toMatchObject({ capHours: 192 });
  });
});
