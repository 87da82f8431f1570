import { previousMonth, resolvePeriod } from './report-period';

describe('resolvePeriod', () => {
  it('turns a month, a quarter and a year into the dates they cover', () => {
    expect(resolvePeriod({ month: '2026-02' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(resolvePeriod({ quarter: '2026-Q3' })).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(resolvePeriod({ quarter: '2024-Q1' })).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(resolvePeriod({ year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(resolvePeriod({ from: '2026-01-15', to: '2026-01-15' })).toEqual({ from: '2026-01-15', to: '2026-01-15' });
  });
  it('refuses two forms at once, reversed dates, and malformed values', () => {
    expect(() => resolvePeriod({ month: '2026-02', year: 2026 })).toThrow('exactly one');
    expect(() => resolvePeriod({})).toThrow('exactly one');
    expect(() => resolvePeriod({ from: '2026-03-01', to: '2026-02-01' })).toThrow('from must not be after to');
    expect(() => resolvePeriod({ from: '2026-02-30', to: '2026-03-01' })).toThrow('dates YYYY-MM-DD');
    expect(() => resolvePeriod({ quarter: '2026-Q5' })).toThrow('quarter');
    expect(() => resolvePeriod({ month: '2026-13' })).toThrow('month');
  });
});

describe('previousMonth', () => {
  it('is the month before, across a year boundary', () => {
    expect(previousMonth(new Date('2026-01-01T00:00:00Z'))).toBe('2025-12');
    expect(previousMonth(new Date('2026-07-01T00:00:05Z'))).toBe('2026-06');
  });
});
