import { BadInputError } from '../common/errors/domain-errors';
import { isIsoDate, monthEnd, monthStart } from '../common/units/calendar';
import { ReportPeriod } from '../jobs/job-names';

export interface PeriodInput {
  from?: string;
  to?: string;
  month?: string;
  quarter?: string;
  year?: number;
}

const bad = (reason: string) => new BadInputError('bad_period', `Invalid period: ${reason}`, [{ field: 'period', reason }]);

/** One of {from, to}, {month}, {quarter} or {year}, as the ISO dates it covers (both included). */
export function resolvePeriod(p: PeriodInput): ReportPeriod {
  const forms = [p.from !== undefined || p.to !== undefined, p.month !== undefined, p.quarter !== undefined, p.year !== undefined].filter(Boolean).length;
  if (forms !== 1) throw bad('give exactly one of {from, to}, {month}, {quarter} or {year}');
  if (p.month !== undefined) {
    const start = monthStart(p.month);
    if (!start) throw bad('month must be YYYY-MM');
    return { from: start, to: monthEnd(start) };
  }
  if (p.quarter !== undefined) {
    const m = /^(\d{4})-Q([1-4])$/.exec(p.quarter);
    if (!m) throw bad('quarter must be YYYY-Q1 to YYYY-Q4');
    const first = (Number(m[2]) - 1) * 3 + 1;
    const start = `${m[1]}-${String(first).padStart(2, '0')}-01`;
    return { from: start, to: monthEnd(`${m[1]}-${String(first + 2).padStart(2, '0')}-01`) };
  }
  if (p.year !== undefined) {
    if (!Number.isInteger(p.year) || p.year < 2000 || p.year > 2100) throw bad('year must be between 2000 and 2100');
    return { from: `${p.year}-01-01`, to: `${p.year}-12-31` };
  }
  if (!p.from || !p.to || !isIsoDate(p.from) || !isIsoDate(p.to)) throw bad('from and to must both be dates YYYY-MM-DD');
  if (p.from > p.to) throw bad('from must not be after to');
  return { from: p.from, to: p.to };
}

/** The calendar month before the one containing `date`: what the monthly schedule reports on. */
export function previousMonth(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}
