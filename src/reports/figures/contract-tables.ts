import { x100ToHours } from '../../common/units/hours';
import type { ClauseFigures, InsertionClauseFigures, SmeClauseFigures } from '../../compliance/clause-figures';
import type { ContractFigures } from '../../compliance/compliance.queries';
import { contractLine } from '../../compliance/scope-totals';
import { addStatusCounts, byText, emptyStatusCounts, ratio, toX100 } from './figures-math';
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
  return finish({
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
  });
}

function finish(r: AuthorityRow): AuthorityRow {
  return {
    ...r,
    completionRate: ratio(toX100(r.realisedHours), toX100(r.plannedHoursAtEnd)),
    smeConfirmedShare: ratio(r.smeConfirmedCents, r.smeAmountCents),
    smeTargetShare: ratio(r.smeTargetCents, r.smeAmountCents),
  };
}

/** Authority rows summed by authority (hours as exact hundredths), ordered by name then id. */
export function mergeAuthorities(rows: AuthorityRow[]): AuthorityRow[] {
  const merged = new Map<string, AuthorityRow>();
  for (const r of rows) {
    const m = merged.get(r.contractingAuthorityId);
    if (!m) {
      merged.set(r.contractingAuthorityId, { ...r, insertionClauses: { ...r.insertionClauses } });
      continue;
    }
    const add = (a: number, b: number) => x100ToHours(toX100(a) + toX100(b));
    merged.set(r.contractingAuthorityId, {
      ...m,
      contractCount: m.contractCount + r.contractCount,
      plannedHoursAtEnd: add(m.plannedHoursAtEnd, r.plannedHoursAtEnd),
      realisedHoursInPeriod: add(m.realisedHoursInPeriod, r.realisedHoursInPeriod),
      realisedHours: add(m.realisedHours, r.realisedHours),
      insertionClauses: addStatusCounts(m.insertionClauses, r.insertionClauses),
      smeAmountCents: m.smeAmountCents + r.smeAmountCents,
      smeConfirmedCents: m.smeConfirmedCents + r.smeConfirmedCents,
      smeTargetCents: m.smeTargetCents + r.smeTargetCents,
    });
  }
  return [...merged.values()].map(finish).sort((a, b) => byText(a.name, b.name) || byText(a.contractingAuthorityId, b.contractingAuthorityId));
}
