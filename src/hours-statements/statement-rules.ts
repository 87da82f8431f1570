import { ConflictError, RuleViolationError } from '../common/errors/domain-errors';
import type { StatementStatus } from './hours-statement.entity';
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

/** monthOutside in SQL, on SQL date expressions (`month` a first day; `end` NULL = open). */
export function monthOutsideSql(month: string, start: string, end: string): string {
  return `((${month} + interval '1 month')::date <= ${start} OR ${month} > ${end})`;
}

/** "2026-06", "2026-06 and 2026-07", "2026-06, 2026-07 and 2026-09". */
const monthList = (months: string[]) => (months.length < 2 ? months.join('') : `${months.slice(0, -1).join(', ')} and ${months[months.length - 1]}`);

/** Months of an assignment or a contract holding hours, grouped: `afterEnd` false means before the start. */
export interface MonthHoldingHours {
  month: string;
  statements: number;
  afterEnd: boolean;
}

/**
 * DOMAIN rule 3, seen from the dates: new dates of an assignment or a contract that leave months
 * holding declared or validated hours wholly outside them are refused, naming those months, until
 * their statements are rejected or corrected (to 0 h): no hours may keep counting outside the dates.
 */
export function hoursOutsideNewDates(what: 'assignment' | 'contract', dates: { startDate: string; endDate: string | null }, held: MonthHoldingHours[]): RuleViolationError {
  const months = held.map((h) => h.month);
  const statements = held.reduce((n, h) => n + h.statements, 0);
  const after = held.filter((h) => h.afterEnd).map((h) => h.month);
  const before = held.filter((h) => !h.afterEnd).map((h) => h.month);
  const details = [
    ...(before.length ? [{ field: 'startDate', reason: `hours are declared or validated in ${before.join(', ')}, before this date` }] : []),
    ...(after.length ? [{ field: 'endDate', reason: `hours are declared or validated in ${after.join(', ')}, after this date` }] : []),
  ];
  return new RuleViolationError(
    after.length ? 'hours_after_end' : 'hours_before_start',
    `${statements} statement(s) hold hours in ${monthList(months)}, which would fall wholly outside the ${what}'s dates ` +
      `(${dates.startDate} to ${dates.endDate ?? 'open end'}): reject them, or correct them to 0 h, first`,
    details,
    { what, months, firstMonth: months[0], statements, startDate: dates.startDate, endDate: dates.endDate },
  );
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

/** A statement already stands for the assignment and month: validated (correct it) or awaiting a decision. */
export function statementExists(live: { id: string; status: StatementStatus }[], month: string): ConflictError {
  const validated = live.find((s) => s.status === 'validated');
  const existing = validated ?? live[0];
  const message = validated
    ? `A validated statement (${validated.id}) exists for this assignment in ${month}: supersede it (POST /hours-statements/${validated.id}/supersede) to correct its hours`
    : `A statement (${existing.id}) for this assignment in ${month} is already awaiting validation: validate or reject it first`;
  return new ConflictError('statement_exists', message, [{ field: 'month', reason: 'a statement already exists for this assignment and month' }], {
    statementId: existing.id,
    status: existing.status,
  });
}

/** A validated statement whose correction awaits a decision cannot be corrected again yet. */
export function correctionPending(pendingId: string): ConflictError {
  return new ConflictError(
    'correction_pending',
    `A correction of this statement (${pendingId}) is already awaiting validation: validate or reject it first`,
    [{ field: 'id', reason: 'a correction is already pending' }],
    { statementId: pendingId },
  );
}
