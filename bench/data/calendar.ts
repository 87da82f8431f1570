import { daysInMonth } from '../../src/common/units/calendar';
import { monthlyCapX100 } from '../../src/compliance/rules/legal-cap';

/**
 * The benchmark's fixed calendar, as integers: days since 1970-01-01 (UTC) and months since
 * January 2021. Fixed dates, not "today", so a seed gives the same data on any day.
 */
export const HISTORY_START = '2021-01-01';
/** The last day holding data: statements, contract hours, invoices and payments stop with October 2026. */
export const DATA_AS_OF = '2026-10-31';
/** From this month on most statements are still awaiting validation. */
export const PENDING_FROM = '2026-09-01';
/** The date at which each insertion clause shows the status drawn for it (the date to query `?at=` with). */
export const CALIBRATION_DATE = '2026-06-30';

const DAY_MS = 86_400_000;
export const day = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

const FIRST_DAY = day('1950-01-01');
const LAST_DAY = day('2036-12-31');
const ISO: string[] = [];
for (let d = FIRST_DAY; d <= LAST_DAY; d++) ISO.push(new Date(d * DAY_MS).toISOString().slice(0, 10));

/** ISO date of a day number (cached table: the generator formats millions of dates). */
export function iso(d: number): string {
  const s = ISO[d - FIRST_DAY];
  if (s === undefined) throw new RangeError(`day ${d} outside the benchmark calendar`);
  return s;
}

export const HISTORY_START_DAY = day(HISTORY_START);
export const DATA_AS_OF_DAY = day(DATA_AS_OF);
export const CALIBRATION_DAY = day(CALIBRATION_DATE);

/** Month index: 0 = 2021-01. Indexes may be negative or beyond the data window (contract ends). */
export interface MonthInfo {
  first: string;
  firstDay: number;
  lastDay: number;
  days: number;
  capX100: number;
}
const MONTHS: MonthInfo[] = [];
for (let i = 0; i < 12 * 16; i++) {
  const y = 2021 + Math.floor(i / 12);
  const m = (i % 12) + 1;
  const first = `${y}-${String(m).padStart(2, '0')}-01`;
  const days = daysInMonth(first);
  MONTHS.push({ first, firstDay: day(first), lastDay: day(first) + days - 1, days, capX100: monthlyCapX100(first) });
}

export function month(i: number): MonthInfo {
  const m = MONTHS[i];
  if (!m) throw new RangeError(`month ${i} outside the benchmark calendar`);
  return m;
}

/** Month index of a day number. */
export function monthOfDay(d: number): number {
  const s = iso(d);
  return (Number(s.slice(0, 4)) - 2021) * 12 + Number(s.slice(5, 7)) - 1;
}

export const LAST_DATA_MONTH = monthOfDay(DATA_AS_OF_DAY);
export const PENDING_FROM_MONTH = monthOfDay(day(PENDING_FROM));
export const CALIBRATION_MONTH = monthOfDay(CALIBRATION_DAY);

/** A timestamp `days` after the end of month `m`, for declared_at / decided_at. */
export function afterMonth(m: number, days: number): string {
  return `${iso(month(m).lastDay + days)} 10:00:00+00`;
}

/** Elapsed share of [start, end] at `at`, both ends included, clamped to 0..1 (DOMAIN rule 2). */
export function elapsedShare(start: number, end: number, at: number): number {
  const total = end - start + 1;
  const done = Math.min(at, end) - start + 1;
  return Math.min(1, Math.max(0, done / total));
}
