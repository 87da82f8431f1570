import { ClauseFigures, clauseFigures } from './clause-figures';
import { ComplianceQueries, ContractFigures, TermsRow } from './compliance.queries';

/**
 * The figures of every clause of each contract at D, in the order of `figures`. The compliance
 * endpoints and the reports both call this, so a report's clause figures are the endpoints' figures.
 */
export async function clausesByContract(q: ComplianceQueries, figures: ContractFigures[], at: string, fteReferenceHours: number): Promise<ClauseFigures[][]> {
  return clausesFromTerms(await q.clauseTerms(figures.map((f) => f.id)), figures, at, fteReferenceHours);
}

/** The same from terms rows already read (a scope's, read alongside its sums). */
export function clausesFromTerms(rows: TermsRow[], figures: ContractFigures[], at: string, fteReferenceHours: number): ClauseFigures[][] {
  const byClause = new Map<string, TermsRow[]>();
  for (const r of rows) {
    const history = byClause.get(r.clauseId);
    if (history) history.push(r);
    else byClause.set(r.clauseId, [r]);
  }
  const byContract = new Map<string, TermsRow[][]>();
  for (const history of byClause.values()) {
    const cid = history[0].contractId;
    const clauses = byContract.get(cid);
    if (clauses) clauses.push(history);
    else byContract.set(cid, [history]);
  }
  return figures.map((f) => (byContract.get(f.id) ?? []).map((h) => clauseFigures(f, h, at, fteReferenceHours)));
}
