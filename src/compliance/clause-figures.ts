import { x100ToHours } from '../common/units/hours';
import { assessInsertion, ClauseStatus, fullTimeEquivalents } from './rules/clause-status';
import { elapsed } from './rules/elapsed-share';
import { InsertionTerms, missingInputs, plannedHours, termsAt } from './rules/insertion-target';
import { assessSmeShare } from './rules/sme-share';
import type { ContractFigures, TermsRow } from './compliance.queries';

export interface InsertionClauseFigures {
  clauseId: string;
  kind: 'insertion_hours';
  label: string | null;
  targetMode: InsertionTerms['targetMode'] | null;
  termsEffectiveFrom: string | null;
  plannedHoursAtEnd: number;
  plannedHoursToDate: number;
  expectedToDate: number;
  realisedHours: number;
  pendingHours: number;
  notEligibleHours: number;
  completionRate: number | null;
  status: ClauseStatus;
  projectionAtEnd: number | null;
  shortfallHours: number;
  penaltyExposureCents: number;
  fte: number;
  distinctBeneficiaries: number;
  /** Kept for aggregates (exact integer sums), not sent as JSON. */
  x100: { plannedAtEnd: number; plannedToDate: number };
}

export interface SmeClauseFigures {
  clauseId: string;
  kind: 'sme_share';
  label: string | null;
  minShare: number | null;
  confirmedShare: number | null;
  declaredShare: number | null;
  progressShare: number | null;
  status: ClauseStatus;
}

export interface ReservedClauseFigures {
  clauseId: string;
  kind: 'reserved';
  label: string | null;
  reservation: string | null;
  status: 'not_applicable';
}

export type ClauseFigures = InsertionClauseFigures | SmeClauseFigures | ReservedClauseFigures;

/**
 * One clause "at D" from its contract's sums and its terms history. Realised, pending and
 * not-eligible hours belong to the contract (statements are not tied to a clause), so every
 * insertion clause of a contract is measured against the same hours.
 */
export function clauseFigures(c: ContractFigures, history: TermsRow[], at: string, fteReferenceHours: number): ClauseFigures {
  const first = history[0];
  const terms = termsAt(history, at);
  const base = { clauseId: first.clauseId, label: first.label };
  if (first.kind === 'reserved') return { ...base, kind: 'reserved', reservation: terms?.reservation ?? null, status: 'not_applicable' };
  if (first.kind === 'sme_share') {
    const minShare = terms?.smeMinShare ?? null;
    if (minShare === null) return { ...base, kind: 'sme_share', minShare, confirmedShare: null, declaredShare: null, progressShare: null, status: 'not_applicable' };
    const s = assessSmeShare({
      minShare, confirmedCents: c.smeConfirmedCents, declaredCents: c.smeDeclaredCents, contractAmountCents: c.amountCents,
      invoicedCents: c.invoicedCents, at, startDate: c.startDate, endDate: c.endDate,
    });
    return { ...base, kind: 'sme_share', minShare, ...s };
  }
  return insertionFigures(c, terms, at, fteReferenceHours, base);
}

function insertionFigures(c: ContractFigures, terms: TermsRow | undefined, at: string, fteRef: number, base: { clauseId: string; label: string | null }): InsertionClauseFigures {
  const common = {
    ...base, kind: 'insertion_hours' as const,
    realisedHours: x100ToHours(c.realisedX100), pendingHours: x100ToHours(c.pendingX100), notEligibleHours: x100ToHours(c.notEligibleX100),
    fte: fullTimeEquivalents(c.realisedX100, fteRef), distinctBeneficiaries: c.distinctBeneficiaries,
  };
  const mode = terms?.targetMode ?? null;
  if (!terms || mode === null || missingInputs({ ...terms, targetMode: mode }).length > 0) {
    // Terms incomplete (cannot happen through the API, which refuses them): no target to judge against.
    return {
      ...common, targetMode: mode, termsEffectiveFrom: terms?.effectiveFrom ?? null, plannedHoursAtEnd: 0, plannedHoursToDate: 0, expectedToDate: 0,
      completionRate: null, status: 'not_applicable', projectionAtEnd: null, shortfallHours: 0, penaltyExposureCents: 0, x100: { plannedAtEnd: 0, plannedToDate: 0 },
    };
  }
  const planned = plannedHours({ ...terms, targetMode: mode }, {
    contractAmountCents: c.amountCents, declaredContractHoursX100: c.declaredContractHoursX100, invoicedCents: c.invoicedCents,
  });
  const a = assessInsertion({
    planned, realisedX100: c.realisedX100, elapsed: elapsed(c.startDate, c.endDate, at), at,
    startDate: c.startDate, endDate: c.endDate, penaltyCentsPerHour: terms.penaltyCentsPerHour,
  });
  // Planned to date: what has accrued for the accruing modes, planned × elapsed share otherwise.
  const toDate = a.expectedToDateX100;
  return {
    ...common, targetMode: mode, termsEffectiveFrom: terms.effectiveFrom,
    plannedHoursAtEnd: x100ToHours(planned.atEndX100), plannedHoursToDate: x100ToHours(toDate), expectedToDate: x100ToHours(a.expectedToDateX100),
    completionRate: a.completionRate, status: a.status,
    projectionAtEnd: a.projectionAtEndX100 === null ? null : x100ToHours(a.projectionAtEndX100),
    shortfallHours: x100ToHours(a.shortfallX100), penaltyExposureCents: a.penaltyExposureCents,
    x100: { plannedAtEnd: planned.atEndX100, plannedToDate: toDate },
  };
}
