import { formatCents, formatDate, formatHours, formatMonth, formatNumber, formatShare } from './format';

// fr-FR groups thousands with a narrow no-break space (U+202F) and puts a no-break space (U+00A0) before units.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('French formats', () => {
  it('writes numbers and hours with a decimal comma and grouped thousands', () => {
    expect(formatNumber(1234.5)).toBe(`1${NNBSP}234,5`);
    expect(formatHours(1234.5)).toBe(`1${NNBSP}234,50${NBSP}h`);
    expect(formatHours(136000)).toBe(`136${NNBSP}000,00${NBSP}h`);
  });

  it('writes money from integer cents, and shares as percentages', () => {
    expect(formatCents(123450)).toBe(`1${NNBSP}234,50${NBSP}€`);
    expect(formatShare(0.125)).toBe(`12,5${NBSP}%`);
  });

  it('writes dates as 31/03/2026 and months as « mars 2026 », whatever the time zone', () => {
    expect(formatDate('2026-03-31')).toBe('31/03/2026');
    expect(formatDate('2026-01-01')).toBe('01/01/2026');
    expect(formatMonth('2026-03')).toBe('mars 2026');
    expect(formatMonth('2026-12-31')).toBe('décembre 2026');
  });
});
