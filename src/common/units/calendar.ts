/** Calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC: no time zone can shift a day. */
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function toDayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** "2026-03" → "2026-03-01"; null when not a month. */
export function monthStart(month: string): string | null {
  const m = ISO_MONTH.exec(month);
  return m ? `${m[1]}-${m[2]}-01` : null;
}

export function monthOf(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

export function daysInMonth(monthFirstDay: string): number {
  const y = Number(monthFirstDay.slice(0, 4));
  const m = Number(monthFirstDay.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function monthEnd(monthFirstDay: string): string {
  return `${monthFirstDay.slice(0, 8)}${String(daysInMonth(monthFirstDay)).padStart(2, '0')}`;
}

/** Days from a to b, both included (0 when b is before a). */
export function daysInclusive(a: string, b: string): number {
  return Math.max(0, toDayNumber(b) - toDayNumber(a) + 1);
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
