import { ClauseFigures, clauseFigures } from './clause-figures';
import { ComplianceQueries, ContractFigures, TermsRow } from './compliance.queries';

/**
 * The figures of every clause of each contract at D, in the order of `figures`. The compliance
 * endpoints and the reports both call this, so a report's clause figures are the endpoints' figures.
 */
export async function clausesByContract(q: ComplianceQueries, figures: ContractFigures[], at: string, fteReferenceHours: number): Promise<ClauseFigures[][]> {
  const rows = await q.clauseTerms(figures.map((f) => f.id));
  const byClause = new Map<string, TermsRow[]>();
  for (const r of rows) byClause.set(r.clauseId, [...(byClause.get(r.clauseId) ?? []), r]);
  const byContract = new Map<string, TermsRow[][]>();
  for (const history of byClause.values()) {
    const cid = history[0].contractId;
    byContract.set(cid, [...(byContract.get(cid) ?? []), history]);
  }
  return figures.map((f) => (byContract.get(f.id) ?? []).map((h) => clauseFigures(f, h, at, fteReferenceHours)));
}
