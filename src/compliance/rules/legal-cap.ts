import { daysInMonth } from '../../common/units/calendar';

/** Legal maximum: 48 h a week, so 48 × days ÷ 7 in a month (DOMAIN rule 4). */
export const MAX_WEEKLY_HOURS = 48;

/** The cap in hundredths of an hour, rounded down so it never exceeds the law: 19200, 19885, 20571, 21257. */
export function monthlyCapX100(monthFirstDay: string): number {
  const days = daysInMonth(monthFirstDay);
  return Math.floor((MAX_WEEKLY_HOURS * days * 100) / 7);
}
