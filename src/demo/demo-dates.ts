import { daysInMonth, fromDayNumber, monthEnd, monthOf, toDayNumber } from '../common/units/calendar';

/**
 * The demo's calendar is fixed, not relative to today, so every figure is reproducible: two years
 * of statements, November 2024 to October 2026; the last two months still partly awaiting validation.
 */
export const WINDOW_START = '2024-11-01';
export const DATA_AS_OF = '2026-10-31';
export const PENDING_FROM_MONTH = '2026-09-01';

export const addDays = (iso: string, n: number) => fromDayNumber(toDayNumber(iso) + n);
export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);

export function addMonths(monthFirstDay: string, n: number): string {
  const y = Number(monthFirstDay.slice(0, 4));
  const m = Number(monthFirstDay.slice(5, 7)) - 1 + n;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** First days of every month touched by [from, to]. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Share of a month's days inside [from, to]. */
export function monthCoverage(month: string, from: string, to: string): number {
  const a = maxDate(month, from);
  const b = minDate(monthEnd(month), to);
  return b < a ? 0 : (toDayNumber(b) - toDayNumber(a) + 1) / daysInMonth(month);
}

/** Elapsed share of [start, end] at `at`, both ends included, clamped to 0..1 (DOMAIN rule 2). */
export function elapsedShare(start: string, end: string, at: string): number {
  const total = toDayNumber(end) - toDayNumber(start) + 1;
  const done = toDayNumber(minDate(at, end)) - toDayNumber(start) + 1;
  return Math.min(1, Math.max(0, done / total));
}

/** A timestamp some days after a month's end, for declared_at / decided_at. */
export const afterMonth = (month: string, days: number) => `${addDays(monthEnd(month), days)}T10:00:00Z`;
