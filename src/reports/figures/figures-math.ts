import { CRITERIA, SEXES } from '../../beneficiaries/beneficiary.entity';
import { MODALITIES, OUTCOMES } from '../../assignments/assignment.entity';
import { AGE_BANDS } from '../../compliance/rules/age-band';
import { CLAUSE_STATUSES } from '../../compliance/rules/clause-status';
import { fullTimeEquivalents } from '../../compliance/rules/clause-status';
import { x100ToHours } from '../../common/units/hours';
import type { BreakdownCount, WindowCounts } from './report-figures.queries';
import { BREAKDOWN_DIMENSIONS, BreakdownDimension, Breakdowns, ClauseStatusCounts, WindowFigures } from './report-figures';

/** Every key of each dimension, in the order the report lists them (zeros included: stable tables). */
export const BREAKDOWN_KEYS: Record<BreakdownDimension, readonly string[]> = {
  criterion: CRITERIA,
  modality: MODALITIES,
  ageBand: AGE_BANDS,
  sex: SEXES,
  exitOutcome: [...OUTCOMES, 'none'],
};

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** Hours in the figures are decimals made from integer hundredths: this recovers the integer exactly. */
export const toX100 = (hours: number): number => Math.round(hours * 100);

/** Adds `from` into `into` and returns it: summing ~60,000 authority rows of a region, a new object per addition showed in profiles. */
export function addStatusCountsTo(into: ClauseStatusCounts, from: ClauseStatusCounts): ClauseStatusCounts {
  for (const s of CLAUSE_STATUSES) into[s] += from[s];
  return into;
}

export function windowFigures(c: WindowCounts, fteRef: number): WindowFigures {
  return {
    realisedHours: x100ToHours(c.realisedX100),
    fte: fullTimeEquivalents(c.realisedX100, fteRef),
    distinctBeneficiaries: c.people,
    shareWomen: ratio(c.women, c.people),
    shareUnder26: ratio(c.under26, c.people),
    share50AndOver: ratio(c.fiftyAndOver, c.people),
    shareQpvResidents: ratio(c.qpvResidents, c.people),
  };
}

/** The breakdown tables from SQL counts, every known key listed in a fixed order. */
export function buildBreakdowns(counts: BreakdownCount[], totalX100: number, totalPeople: number): Breakdowns {
  const hours = new Map<string, number>();
  const people = new Map<string, number>();
  for (const c of counts) {
    const k = `${c.dimension}\u0000${c.key}`;
    if (c.hoursX100 !== null) hours.set(k, (hours.get(k) ?? 0) + c.hoursX100);
    if (c.people !== null) people.set(k, (people.get(k) ?? 0) + c.people);
  }
  return Object.fromEntries(
    BREAKDOWN_DIMENSIONS.map((dim) => [
      dim,
      BREAKDOWN_KEYS[dim].map((key) => {
        const h = hours.get(`${dim}\u0000${key}`) ?? 0;
        const p = people.get(`${dim}\u0000${key}`) ?? 0;
        return { key, hours: x100ToHours(h), people: p, hoursShare: ratio(h, totalX100), peopleShare: ratio(p, totalPeople) };
      }),
    ]),
  ) as Breakdowns;
}

/** Plain code-unit order: the same on every machine, whatever the locale. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
