import { RuleViolationError } from '../common/errors/domain-errors';
import { monthEnd } from '../common/units/calendar';
import { x100ToHours } from '../common/units/hours';
import { monthlyCapX100 } from '../compliance/rules/legal-cap';
import { AssignmentContext } from './hours-statements.repository';

const hoursText = (x100: number) => (x100 / 100).toFixed(2);
const monthText = (monthFirstDay: string) => monthFirstDay.slice(0, 7);

/** True when the month [first day, last day] shares no day with [start, end] (end null = open). */
export function monthOutside(monthFirstDay: string, start: string, end: string | null): boolean {
  return monthEnd(monthFirstDay) < start || (end !== null && monthFirstDay > end);
}

/** DOMAIN rule 3: a statement for a month wholly outside the assignment's dates, or the contract's, is refused. */
export function assertMonthWithinDates(monthFirstDay: string, ctx: AssignmentContext): void {
  if (monthOutside(monthFirstDay, ctx.assignmentStart, ctx.assignmentEnd)) {
    const period = `${ctx.assignmentStart} to ${ctx.assignmentEnd ?? 'open end'}`;
    throw new RuleViolationError(
      'month_outside_assignment',
      `${monthText(monthFirstDay)} is wholly outside the assignment's dates (${period})`,
      [{ field: 'month', reason: `must overlap the assignment's dates ${period}` }],
      { month: monthText(monthFirstDay), assignmentStart: ctx.assignmentStart, assignmentEnd: ctx.assignmentEnd },
    );
  }
  if (monthOutside(monthFirstDay, ctx.contractStart, ctx.contractEnd)) {
    const period = `${ctx.contractStart} to ${ctx.contractEnd}`;
    throw new RuleViolationError(
      'month_outside_contract',
      `${monthText(monthFirstDay)} is wholly outside the contract's dates (${period})`,
      [{ field: 'month', reason: `must overlap the contract's dates ${period}` }],
      { month: monthText(monthFirstDay), contractStart: ctx.contractStart, contractEnd: ctx.contractEnd },
    );
  }
}

/**
 * DOMAIN rule 4: one person's hours in a month, across all their assignments, stay within
 * 48 h × days ÷ 7. `currentX100` is what stands without the new statement.
 */
export function assertWithinLegalCap(monthFirstDay: string, currentX100: number, requestedX100: number): void {
  const capX100 = monthlyCapX100(monthFirstDay);
  if (currentX100 + requestedX100 <= capX100) return;
  const month = monthText(monthFirstDay);
  throw new RuleViolationError(
    'legal_monthly_cap',
    `This statement would bring the person to ${hoursText(currentX100 + requestedX100)} h in ${month}, above the legal cap of ${hoursText(capX100)} h (current total ${hoursText(currentX100)} h)`,
    [{ field: 'hours', reason: `at most ${hoursText(Math.max(0, capX100 - currentX100))} h more can be declared for this person in ${month}` }],
    { capHours: x100ToHours(capX100), currentHours: x100ToHours(currentX100), requestedHours: x100ToHours(requestedX100), month },
  );
}
