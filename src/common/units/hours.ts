/**
 * Hours travel as decimals with at most two places ("151.67" or 151.67) and are held as integer
 * hundredths everywhere else, so sums are exact. Conversion goes through the decimal string, never
 * through float multiplication.
 */
const HOURS = /^(\d{1,7})(?:\.(\d{1,2}))?$/;

export function hoursToX100(value: number | string): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = HOURS.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** For display and JSON only: one division, never summed afterwards. */
export function x100ToHours(x100: number): number {
  return Math.round(x100) / 100;
}

/** Integer division rounding halves up (for non-negative operands), on bigints. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  if (numerator < 0n) return -divRoundHalfUp(-numerator, denominator);
  return (2n * numerator + denominator) / (2n * denominator);
}
