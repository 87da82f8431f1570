import { x100ToHours } from '../common/units/hours';
import { CLAUSE_STATUSES, ClauseStatus, fullTimeEquivalents } from './rules/clause-status';
import type { ClauseFigures, InsertionClauseFigures } from './clause-figures';
import type { ContractFigures } from './compliance.queries';

const emptyCounts = (): Record<ClauseStatus, number> => Object.fromEntries(CLAUSE_STATUSES.map((s) => [s, 0])) as Record<ClauseStatus, number>;

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
  const sum = (f: (c: ContractFigures) => number) => contracts.reduce((acc, c) => acc + f(c), 0);
  const insertion = clauses.flat().filter((c): c is InsertionClauseFigures => c.kind === 'insertion_hours');
  const sme = clauses.flat().filter((c) => c.kind === 'sme_share');
  const count = (list: ClauseFigures[]) => list.reduce((acc, c) => ({ ...acc, [c.status]: acc[c.status] + 1 }), emptyCounts());
  const realisedX100 = sum((c) => c.realisedX100);
  return {
    contractCount: contracts.length,
    insertion: {
      clauseCount: insertion.length,
      byStatus: count(insertion),
      plannedHoursAtEnd: x100ToHours(insertion.reduce((a, c) => a + c.x100.plannedAtEnd, 0)),
      plannedHoursToDate: x100ToHours(insertion.reduce((a, c) => a + c.x100.plannedToDate, 0)),
      realisedHours: x100ToHours(realisedX100),
      pendingHours: x100ToHours(sum((c) => c.pendingX100)),
      notEligibleHours: x100ToHours(sum((c) => c.notEligibleX100)),
      fte: fullTimeEquivalents(realisedX100, fteRef),
      distinctBeneficiaries,
    },
    sme: { clauseCount: sme.length, byStatus: count(sme) },
    reservedClauseCount: clauses.flat().filter((c) => c.kind === 'reserved').length,
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
        ? { clauseId: cl.clauseId, kind: cl.kind, status: cl.status, plannedHoursAtEnd: cl.plannedHoursAtEnd, completionRate: cl.completionRate }
        : cl.kind === 'sme_share'
          ? { clauseId: cl.clauseId, kind: cl.kind, status: cl.status, minShare: cl.minShare, confirmedShare: cl.confirmedShare }
          : { clauseId: cl.clauseId, kind: cl.kind, status: cl.status },
    ),
  };
}
