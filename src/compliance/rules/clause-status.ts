import { divRoundHalfUp } from '../../common/units/hours';
import { Elapsed } from './elapsed-share';
import { PlannedHours } from './insertion-target';

export const CLAUSE_STATUSES = ['not_started', 'on_track', 'at_risk', 'behind', 'achieved', 'failed', 'not_applicable'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];

/**
 * Zero for every status, written out rather than built from CLAUSE_STATUSES: one is made per contract
 * of a report (~60,000 for Île-de-France at bench scale 4), and the type still refuses a missing status.
 */
export const emptyStatusCounts = (): Record<ClauseStatus, number> => ({ not_started: 0, on_track: 0, at_risk: 0, behind: 0, achieved: 0, failed: 0, not_applicable: 0 });

/** Share of the expected figure below which a clause is `behind` rather than `at_risk`. */
export const AT_RISK_FLOOR = { num: 8n, den: 10n };

export interface InsertionAssessment {
  status: ClauseStatus;
  expectedToDateX100: number;
  projectionAtEndX100: number | null;
  shortfallX100: number;
  penaltyExposureCents: number;
  /** realised ÷ final target, null when the target is 0. */
  completionRate: number | null;
}

/**
 * DOMAIN rule 8. The expected figure for fixed/formula is planned × elapsed; comparisons are made
 * on the exact fraction (realised × total ≥ planned × elapsed) so no rounding moves a boundary.
 */
export function assessInsertion(input: {
  planned: PlannedHours;
  realisedX100: number;
  elapsed: Elapsed;
  at: string;
  startDate: string;
  endDate: string;
  penaltyCentsPerHour?: number | null;
}): InsertionAssessment {
  const { planned, realisedX100: realised, elapsed: e, at } = input;
  const target = planned.atEndX100;
  // Expected to date as a fraction num/den of hundredths.
  const num = planned.accruing ? BigInt(planned.toDateX100) : BigInt(target) * BigInt(e.days);
  const den = planned.accruing ? 1n : BigInt(Math.max(e.totalDays, 1));
  const r = BigInt(realised);

  let status: ClauseStatus;
  if (at < input.startDate) status = 'not_started';
  else if (at > input.endDate) status = realised >= target ? 'achieved' : 'failed';
  else if (realised >= target && (!planned.accruing || at >= input.endDate)) status = 'achieved';
  else if (r * den >= num) status = 'on_track';
  else if (r * den * AT_RISK_FLOOR.den >= num * AT_RISK_FLOOR.num) status = 'at_risk';
  else status = 'behind';

  const shortfall = Math.max(0, target - realised);
  return {
    status,
    expectedToDateX100: Number(divRoundHalfUp(num, den)),
    projectionAtEndX100: e.days === 0 ? null : Number(divRoundHalfUp(r * BigInt(e.totalDays), BigInt(e.days))),
    shortfallX100: shortfall,
    penaltyExposureCents: Number(divRoundHalfUp(BigInt(shortfall) * BigInt(input.penaltyCentsPerHour ?? 0), 100n)),
    completionRate: target === 0 ? null : Math.round((realised / target) * 10_000) / 10_000,
  };
}

/** DOMAIN rule 9: full-time equivalents, two decimals. */
export function fullTimeEquivalents(hoursX100: number, referenceYearlyHours: number): number {
  return Number(divRoundHalfUp(BigInt(hoursX100), BigInt(referenceYearlyHours))) / 100;
}
