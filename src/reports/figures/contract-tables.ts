import { x100ToHours } from '../../common/units/hours';
import type { ClauseFigures, InsertionClauseFigures, SmeClauseFigures } from '../../compliance/clause-figures';
import type { ContractFigures } from '../../compliance/compliance.queries';
import { contractLine } from '../../compliance/scope-totals';
import { emptyStatusCounts } from '../../compliance/rules/clause-status';
import { addStatusCountsTo, byText, ratio, toX100 } from './figures-math';
import { AuthorityRow, ContractRow } from './report-figures';

/** One row per contract (compliance's contract line at the period end, plus the period's hours, in hundredths by contract id). */
export function contractTables(
  inPeriod: Map<string, number>,
  contracts: ContractFigures[],
  clauses: ClauseFigures[][],
): { contractRows: ContractRow[]; authorityRows: AuthorityRow[] } {
  const contractRows = contracts.map((c, i): ContractRow => {
    const line = contractLine(c, clauses[i]);
    const insertion = clauses[i].find((cl): cl is InsertionClauseFigures => cl.kind === 'insertion_hours');
    const sme = clauses[i].find((cl): cl is SmeClauseFigures => cl.kind === 'sme_share');
    return {
      contractId: c.id,
      reference: c.reference,
      title: c.title,
      departmentCode: c.departmentCode,
      contractingAuthorityId: c.authorityId,
      contractingAuthorityName: c.authorityName,
      amountCents: c.amountCents,
      plannedHoursAtEnd: line.plannedHoursAtEnd,
      realisedHoursInPeriod: x100ToHours(inPeriod.get(c.id) ?? 0),
      realisedHours: line.realisedHours,
      completionRate: line.completionRate,
      insertionStatus: insertion?.status ?? null,
      smeTargetShare: sme?.minShare ?? null,
      smeConfirmedShare: sme?.confirmedShare ?? null,
      smeStatus: sme?.status ?? null,
      reserved: clauses[i].some((cl) => cl.kind === 'reserved'),
    };
  });
  const authorityRows = mergeAuthorities(
    contractRows.map((row, i) => authorityRowOf(row, clauses[i], contracts[i])),
  );
  return { contractRows, authorityRows };
}

/** A one-contract authority row, merged afterwards: the same code path for departments and regions. */
function authorityRowOf(row: ContractRow, clauses: ClauseFigures[], c: ContractFigures): AuthorityRow {
  const insertionCounts = emptyStatusCounts();
  for (const cl of clauses) if (cl.kind === 'insertion_hours') insertionCounts[cl.status] += 1;
  const sme = clauses.find((cl): cl is SmeClauseFigures => cl.kind === 'sme_share' && cl.minShare !== null);
  // The shares are left null: mergeAuthorities computes them once, from the authority's sums.
  return {
    contractingAuthorityId: row.contractingAuthorityId,
    name: row.contractingAuthorityName,
    contractCount: 1,
    plannedHoursAtEnd: row.plannedHoursAtEnd,
    realisedHoursInPeriod: row.realisedHoursInPeriod,
    realisedHours: row.realisedHours,
    completionRate: null,
    insertionClauses: insertionCounts,
    smeAmountCents: sme ? c.amountCents : 0,
    smeConfirmedCents: sme ? c.smeConfirmedCents : 0,
    smeTargetCents: sme ? Math.round((sme.minShare ?? 0) * c.amountCents) : 0,
    smeConfirmedShare: null,
    smeTargetShare: null,
  };
}

/**
 * Authority rows summed by authority (hours as exact hundredths), ordered by name then id, with their
 * shares computed from the sums. Each authority's row is copied once, then added to in place (the rows
 * given are left as they are): each department of a report merges one row per contract, ~60,000 over
 * Île-de-France's eight at bench scale 4, and a region merges its departments' rows.
 */
export function mergeAuthorities(rows: AuthorityRow[]): AuthorityRow[] {
  const merged = new Map<string, AuthorityRow>();
  const add = (a: number, b: number) => x100ToHours(toX100(a) + toX100(b));
  for (const r of rows) {
    const m = merged.get(r.contractingAuthorityId);
    if (!m) {
      merged.set(r.contractingAuthorityId, { ...r, insertionClauses: { ...r.insertionClauses } });
      continue;
    }
    m.contractCount += r.contractCount;
    m.plannedHoursAtEnd = add(m.plannedHoursAtEnd, r.plannedHoursAtEnd);
    m.realisedHoursInPeriod = add(m.realisedHoursInPeriod, r.realisedHoursInPeriod);
    m.realisedHours = add(m.realisedHours, r.realisedHours);
    addStatusCountsTo(m.insertionClauses, r.insertionClauses);
    m.smeAmountCents += r.smeAmountCents;
    m.smeConfirmedCents += r.smeConfirmedCents;
    m.smeTargetCents += r.smeTargetCents;
  }
  const rowsOut = [...merged.values()];
  for (const r of rowsOut) {
    r.completionRate = ratio(toX100(r.realisedHours), toX100(r.plannedHoursAtEnd));
    r.smeConfirmedShare = ratio(r.smeConfirmedCents, r.smeAmountCents);
    r.smeTargetShare = ratio(r.smeTargetCents, r.smeAmountCents);
  }
  return rowsOut.sort((a, b) => byText(a.name, b.name) || byText(a.contractingAuthorityId, b.contractingAuthorityId));
}
