import { daysInclusive } from '../../common/units/calendar';

/** Elapsed share as an exact fraction, so status boundaries are compared without rounding. */
export interface Elapsed {
  days: number;
  totalDays: number;
}

/** DOMAIN rule 2: (days from start to D, both included) ÷ (days from start to end), clamped to 0..1. */
export function elapsed(start: string, end: string, at: string): Elapsed {
  const totalDays = daysInclusive(start, end);
  const days = Math.min(totalDays, daysInclusive(start, at));
  return { days, totalDays };
}

export function elapsedShare(e: Elapsed): number {
  return e.totalDays === 0 ? 0 : e.days / e.totalDays;
}
