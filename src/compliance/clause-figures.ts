import { x100ToHours } from '../common/units/hours';
import { assessInsertion, ClauseStatus, fullTimeEquivalents, InsertionAssessment } from './rules/clause-status';
import { elapsed } from './rules/elapsed-share';
import { InsertionTerms, missingInputs, PlannedHours, plannedHours, termsAt } from './rules/insertion-target';
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
 *
 * Each figure is built as one object literal, without spreading a common part into it: a region's
 * page computes ~60,000 of them (Île-de-France at bench scale 4), and spreading then adding fields
 * grew each object field by field, which cost more than the rules themselves (bench/HISTORY.md).
 */
export function clauseFigures(c: ContractFigures, history: TermsRow[], at: string, fteReferenceHours: number): ClauseFigures {
  const first = history[0];
  const terms = termsAt(history, at);
  if (first.kind === 'reserved') return { clauseId: first.clauseId, kind: 'reserved', label: first.label, reservation: terms?.reservation ?? null, status: 'not_applicable' };
  if (first.kind === 'sme_share') return smeFigures(c, first, terms?.smeMinShare ?? null, at);
  return insertionFigures(c, first, terms, at, fteReferenceHours);
}

function smeFigures(c: ContractFigures, first: TermsRow, minShare: number | null, at: string): SmeClauseFigures {
  if (minShare === null) {
    return { clauseId: first.clauseId, kind: 'sme_share', label: first.label, minShare, confirmedShare: null, declaredShare: null, progressShare: null, status: 'not_applicable' };
  }
  const s = assessSmeShare({
    minShare, confirmedCents: c.smeConfirmedCents, declaredCents: c.smeDeclaredCents, contractAmountCents: c.amountCents,
    invoicedCents: c.invoicedCents, at, startDate: c.startDate, endDate: c.endDate,
  });
  return {
    clauseId: first.clauseId, kind: 'sme_share', label: first.label, minShare,
    confirmedShare: s.confirmedShare, declaredShare: s.declaredShare, progressShare: s.progressShare, status: s.status,
  };
}

function insertionFigures(c: ContractFigures, first: TermsRow, terms: TermsRow | undefined, at: string, fteRef: number): InsertionClauseFigures {
  const mode = terms?.targetMode ?? null;
  const inForce = { mode, effectiveFrom: terms?.effectiveFrom ?? null };
  const insertionTerms = terms && mode !== null ? { ...terms, targetMode: mode } : null;
  if (!insertionTerms || missingInputs(insertionTerms).length > 0) {
    // Terms incomplete (cannot happen through the API, which refuses them): no target to judge against.
    return insertionLine(c, first, fteRef, inForce, null);
  }
  const planned = plannedHours(insertionTerms, {
    contractAmountCents: c.amountCents, declaredContractHoursX100: c.declaredContractHoursX100, invoicedCents: c.invoicedCents,
  });
  const assessment = assessInsertion({
    planned, realisedX100: c.realisedX100, elapsed: elapsed(c.startDate, c.endDate, at), at,
    startDate: c.startDate, endDate: c.endDate, penaltyCentsPerHour: insertionTerms.penaltyCentsPerHour,
  });
  return insertionLine(c, first, fteRef, inForce, { planned, assessment });
}

/** A clause's planned hours (rule 1) and its assessment at D (rule 8). */
interface Judged {
  planned: PlannedHours;
  assessment: InsertionAssessment;
}

/** The figure itself; `judged` null when there is no target to judge against: every target figure 0, not applicable. */
function insertionLine(
  c: ContractFigures, first: TermsRow, fteRef: number,
  inForce: { mode: InsertionClauseFigures['targetMode']; effectiveFrom: string | null }, judged: Judged | null,
): InsertionClauseFigures {
  const a = judged?.assessment;
  const plannedAtEnd = judged?.planned.atEndX100 ?? 0;
  const plannedToDate = judged?.planned.toDateX100 ?? 0;
  return {
    clauseId: first.clauseId, kind: 'insertion_hours', label: first.label,
    targetMode: inForce.mode, termsEffectiveFrom: inForce.effectiveFrom,
    plannedHoursAtEnd: x100ToHours(plannedAtEnd), plannedHoursToDate: x100ToHours(plannedToDate), expectedToDate: x100ToHours(a?.expectedToDateX100 ?? 0),
    realisedHours: x100ToHours(c.realisedX100), pendingHours: x100ToHours(c.pendingX100), notEligibleHours: x100ToHours(c.notEligibleX100),
    completionRate: a?.completionRate ?? null, status: a?.status ?? 'not_applicable',
    projectionAtEnd: a && a.projectionAtEndX100 !== null ? x100ToHours(a.projectionAtEndX100) : null,
    shortfallHours: x100ToHours(a?.shortfallX100 ?? 0), penaltyExposureCents: a?.penaltyExposureCents ?? 0,
    fte: fullTimeEquivalents(c.realisedX100, fteRef), distinctBeneficiaries: c.distinctBeneficiaries,
    x100: { plannedAtEnd, plannedToDate },
  };
}
