import { x100ToHours } from '../common/units/hours';
import { ClauseStatus, emptyStatusCounts, fullTimeEquivalents } from './rules/clause-status';
import type { ClauseFigures } from './clause-figures';
import type { ContractFigures } from './compliance.queries';

export interface ScopeTotals {
  contractCount: number;
  insertion: {
    clauseCount: number;
    byStatus: Record<ClauseStatus, number>;
    plannedHoursAtEnd: number;
    plannedHoursToDate: number;
    realisedHours: number;
    pendingHours: number;
    notEligibleHours: number;
    fte: number;
    distinctBeneficiaries: number;
  };
  sme: { clauseCount: number; byStatus: Record<ClauseStatus, number> };
  reservedClauseCount: number;
}

/**
 * Headline figures of a scope. Hours are summed per contract (not per clause: two clauses on one
 * contract measure the same hours), as integer hundredths, so a region is exactly the sum of its
 * departments. Distinct people come from their own COUNT DISTINCT over the scope (rule 6).
 */
export function scopeTotals(contracts: ContractFigures[], clauses: ClauseFigures[][], distinctBeneficiaries: number, fteRef: number): ScopeTotals {
  // One pass over the contracts and one over their clauses, counting in place: a region holds ~60,000
  // contracts (Île-de-France at bench scale 4), where copying the counts per clause showed in profiles.
  let realisedX100 = 0, pendingX100 = 0, notEligibleX100 = 0;
  for (const c of contracts) {
    realisedX100 += c.realisedX100;
    pendingX100 += c.pendingX100;
    notEligibleX100 += c.notEligibleX100;
  }
  const insertion = { clauseCount: 0, byStatus: emptyStatusCounts(), plannedAtEnd: 0, plannedToDate: 0 };
  const sme = { clauseCount: 0, byStatus: emptyStatusCounts() };
  let reservedClauseCount = 0;
  for (const cl of clauses.flat()) {
    if (cl.kind === 'insertion_hours') {
      insertion.clauseCount++;
      insertion.byStatus[cl.status]++;
      insertion.plannedAtEnd += cl.x100.plannedAtEnd;
      insertion.plannedToDate += cl.x100.plannedToDate;
    } else if (cl.kind === 'sme_share') {
      sme.clauseCount++;
      sme.byStatus[cl.status]++;
    } else if (cl.kind === 'reserved') reservedClauseCount++;
  }
  return {
    contractCount: contracts.length,
    insertion: {
      clauseCount: insertion.clauseCount,
      byStatus: insertion.byStatus,
      plannedHoursAtEnd: x100ToHours(insertion.plannedAtEnd),
      plannedHoursToDate: x100ToHours(insertion.plannedToDate),
      realisedHours: x100ToHours(realisedX100),
      pendingHours: x100ToHours(pendingX100),
      notEligibleHours: x100ToHours(notEligibleX100),
      fte: fullTimeEquivalents(realisedX100, fteRef),
      distinctBeneficiaries,
    },
    sme,
    reservedClauseCount,
  };
}

export interface ContractLine {
  contractId: string;
  reference: string;
  title: string;
  departmentCode: string;
  contractingAuthority: { id: string; name: string };
  plannedHoursAtEnd: number;
  realisedHours: number;
  completionRate: number | null;
  clauses: Array<{ clauseId: string; kind: string; status: ClauseStatus; plannedHoursAtEnd?: number; completionRate?: number | null; minShare?: number | null; confirmedShare?: number | null }>;
}

/** The compact per-contract line of scope tables and lists. */
export function contractLine(c: ContractFigures, clauses: ClauseFigures[]): ContractLine {
  const plannedX100 = clauses.reduce((a, cl) => a + (cl.kind === 'insertion_hours' ? cl.x100.plannedAtEnd : 0), 0);
  return {
    contractId: c.id,
    reference: c.reference,
    title: c.title,
    departmentCode: c.departmentCode,
    contractingAuthority: { id: c.authorityId, name: c.authorityName },
    plannedHoursAtEnd: x100ToHours(plannedX100),
    realisedHours: x100ToHours(c.realisedX100),
    completionRate: plannedX100 === 0 ? null : Math.round((c.realisedX100 / plannedX100) * 10_000) / 10_000,
    clauses: clauses.map((cl) =>
      cl.kind === 'insertion_hours'
        ? {
            clauseId: cl.clauseId, kind: cl.kind, status: cl.status, plannedHoursAtEnd: cl.plannedHoursAtEnd, completionRate: cl.completionRate,
            // Realised against expected to date: what a contract's line shows (the web application's lists).
            realisedHours: cl.realisedHours, expectedToDate: cl.expectedToDate,
          }
        : cl.kind === 'sme_share'
          ? { clauseId: cl.clauseId, kind: cl.kind, status: cl.status, minShare: cl.minShare, confirmedShare: cl.confirmedShare }
          : { clauseId: cl.clauseId, kind: cl.kind, status: cl.status },
    ),
  };
}
