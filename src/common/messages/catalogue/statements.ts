import { codeEntry, type Speaker } from '../entry';

interface Cap {
  month: string;
  capHours: number;
  currentHours: number;
  requestedHours: number;
}
interface AssignmentDates {
  month: string;
  assignmentStart: string;
  assignmentEnd?: string | null;
}
interface ContractDates {
  month: string;
  contractStart: string;
  contractEnd: string;
}
/** New dates of an assignment or a contract, and the months holding hours they would leave outside (YYYY-MM). */
interface HoursOutsideDates {
  what: 'assignment' | 'contract';
  months: string[];
  statements: number;
  startDate: string;
  endDate?: string | null;
}

/**
 * The rules of hours statements (DOMAIN rules 3 and 4), said from their errors' context wherever they
 * are broken: POST /hours-statements and every row of an import.
 */
export const STATEMENTS = {
  legal_monthly_cap: codeEntry<Cap>(
    ['month', 'capHours', 'currentHours', 'requestedHours'],
    (p, s) => `cette déclaration porterait la personne à ${s.hours(p.currentHours + p.requestedHours)} en ${s.month(p.month)}, au-dessus du plafond légal de ${s.hours(p.capHours)}`,
    (p, s) =>
      `This statement would bring the person to ${s.hours(p.currentHours + p.requestedHours)} in ${s.month(p.month)}, above the legal cap of ${s.hours(p.capHours)} (current total ${s.hours(p.currentHours)})`,
  ),
  'legal_monthly_cap.hours': codeEntry<Cap>(
    ['month', 'capHours', 'currentHours'],
    (p, s) => `au plus ${s.hours(Math.max(0, p.capHours - p.currentHours))} de plus pour cette personne en ${s.month(p.month)}`,
    (p, s) => `at most ${s.hours(Math.max(0, p.capHours - p.currentHours))} more can be declared for this person in ${s.month(p.month)}`,
  ),
  month_outside_assignment: codeEntry<AssignmentDates>(
    ['month', 'assignmentStart'],
    (p, s) => `${s.month(p.month)} est entièrement en dehors des dates de l’affectation (${period(p.assignmentStart, p.assignmentEnd, s.date, 'fr')})`,
    (p, s) => `${s.month(p.month)} is wholly outside the assignment's dates (${period(p.assignmentStart, p.assignmentEnd, s.date, 'en')})`,
  ),
  'month_outside_assignment.month': codeEntry<AssignmentDates>(
    ['month', 'assignmentStart'],
    (p, s) => `doit recouper les dates de l’affectation (${period(p.assignmentStart, p.assignmentEnd, s.date, 'fr')})`,
    (p, s) => `must overlap the assignment's dates (${period(p.assignmentStart, p.assignmentEnd, s.date, 'en')})`,
  ),
  month_outside_contract: codeEntry<ContractDates>(
    ['month', 'contractStart', 'contractEnd'],
    (p, s) => `${s.month(p.month)} est entièrement en dehors des dates du marché (${period(p.contractStart, p.contractEnd, s.date, 'fr')})`,
    (p, s) => `${s.month(p.month)} is wholly outside the contract's dates (${period(p.contractStart, p.contractEnd, s.date, 'en')})`,
  ),
  'month_outside_contract.month': codeEntry<ContractDates>(
    ['month', 'contractStart', 'contractEnd'],
    (p, s) => `doit recouper les dates du marché (${period(p.contractStart, p.contractEnd, s.date, 'fr')})`,
    (p, s) => `must overlap the contract's dates (${period(p.contractStart, p.contractEnd, s.date, 'en')})`,
  ),
  statement_exists: codeEntry<{ statementId: string; status: string; month?: string }>(
    ['statementId', 'status'],
    (p, s) =>
      p.status === 'validated'
        ? `une déclaration validée (${p.statementId}) existe déjà pour cette affectation${p.month ? ` en ${s.month(p.month)}` : ''} : corrigez-la (POST /hours-statements/${p.statementId}/supersede) pour changer ses heures`
        : `une déclaration (${p.statementId}) pour cette affectation${p.month ? ` en ${s.month(p.month)}` : ''} attend déjà une décision : validez-la ou rejetez-la d’abord`,
    (p, s) =>
      p.status === 'validated'
        ? `A validated statement (${p.statementId}) exists for this assignment${p.month ? ` in ${s.month(p.month)}` : ''}: supersede it (POST /hours-statements/${p.statementId}/supersede) to correct its hours`
        : `A statement (${p.statementId}) for this assignment${p.month ? ` in ${s.month(p.month)}` : ''} is already awaiting validation: validate or reject it first`,
  ),
  'statement_exists.month': codeEntry<{ statementId: string }>(
    ['statementId'],
    () => 'une déclaration existe déjà pour cette affectation et ce mois',
    () => 'a statement already exists for this assignment and month',
  ),
  correction_pending: codeEntry<{ statementId: string }>(
    ['statementId'],
    (p) => `une correction de cette déclaration (${p.statementId}) attend déjà une décision : validez-la ou rejetez-la d’abord`,
    (p) => `A correction of this statement (${p.statementId}) is already awaiting validation: validate or reject it first`,
  ),
  hours_after_end: codeEntry<HoursOutsideDates>(['what', 'months', 'statements', 'startDate'], (p, s) => hoursOutside(p, s, 'fr'), (p, s) => hoursOutside(p, s, 'en')),
  hours_before_start: codeEntry<HoursOutsideDates>(['what', 'months', 'statements', 'startDate'], (p, s) => hoursOutside(p, s, 'fr'), (p, s) => hoursOutside(p, s, 'en')),
  'hours_after_end.endDate': codeEntry<HoursOutsideDates>(['months', 'startDate'], (p, s) => heldMonths(p, s, 'after', 'fr'), (p, s) => heldMonths(p, s, 'after', 'en')),
  'hours_after_end.startDate': codeEntry<HoursOutsideDates>(['months', 'startDate'], (p, s) => heldMonths(p, s, 'before', 'fr'), (p, s) => heldMonths(p, s, 'before', 'en')),
  'hours_before_start.startDate': codeEntry<HoursOutsideDates>(['months', 'startDate'], (p, s) => heldMonths(p, s, 'before', 'fr'), (p, s) => heldMonths(p, s, 'before', 'en')),
  'correction_pending.id': codeEntry<{ statementId: string }>(['statementId'], () => 'une correction attend déjà une décision', () => 'a correction is already pending'),
};

function period(start: string, end: string | null | undefined, date: (iso: string) => string, locale: 'fr' | 'en'): string {
  if (locale === 'fr') return end ? `du ${date(start)} au ${date(end)}` : `à partir du ${date(start)}, sans date de fin`;
  return `${date(start)} to ${end ? date(end) : 'open end'}`;
}

/** DOMAIN rule 3: new dates that would leave months holding hours outside them, and what to do first. */
function hoursOutside(p: HoursOutsideDates, s: Speaker, locale: 'fr' | 'en'): string {
  const months = s.and(p.months.map(s.month));
  const dates = period(p.startDate, p.endDate, s.date, locale);
  if (locale === 'en') {
    return `${p.statements} statement(s) hold hours in ${months}, which would fall wholly outside the ${p.what}'s dates (${dates}): reject them, or correct them to 0 h, first`;
  }
  const of = p.what === 'assignment' ? 'de l’affectation' : 'du marché';
  return p.statements === 1
    ? `1 déclaration porte des heures en ${months}, qui sortirait entièrement des dates ${of} (${dates}) : rejetez-la, ou corrigez-la à 0 h, d’abord`
    : `${s.count(p.statements)} déclarations portent des heures en ${months}, qui sortiraient entièrement des dates ${of} (${dates}) : rejetez-les, ou corrigez-les à 0 h, d’abord`;
}

/** The months of `p` after its end date or before its start date, as the reason of that field. */
function heldMonths(p: HoursOutsideDates, s: Speaker, side: 'after' | 'before', locale: 'fr' | 'en'): string {
  const held = p.months.filter((m) => (side === 'after' ? p.endDate && m > p.endDate.slice(0, 7) : m < p.startDate.slice(0, 7)));
  const months = s.and(held.map(s.month));
  if (locale === 'en') return `hours are declared or validated in ${months}, ${side} this date`;
  return `des heures sont déclarées ou validées en ${months}, ${side === 'after' ? 'après' : 'avant'} cette date`;
}
