import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, PageQuery } from '../common/pagination/page';
import { AppConfig } from '../config/app-config';
import { ClauseFigures, InsertionClauseFigures } from './clause-figures';
import { clausesByContract } from './clauses-by-contract';
import { ComplianceQueries, Scope } from './compliance.queries';
import { elapsed, elapsedShare } from './rules/elapsed-share';
import { ContractLine, contractLine, scopeTotals, ScopeTotals } from './scope-totals';

export type ScopeKind = 'contracting_authority' | 'department' | 'region';

/** Drops the integer working copies kept for aggregates from a clause before it goes out as JSON. */
const publicClause = (c: ClauseFigures) => {
  if (c.kind !== 'insertion_hours') return c;
  const { x100: _omit, ...rest } = c as InsertionClauseFigures;
  return rest;
};

/**
 * Compliance figures: the sums come from ComplianceQueries (SQL aggregates grouped by contract),
 * the statuses from the pure rules, clause by clause.
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly queries: ComplianceQueries,
    private readonly config: AppConfig,
  ) {}

  async contract(id: string, at: string) {
    const [figures] = await this.queries.contractFigures({ contractId: id }, at);
    if (!figures) throw new NotFoundError('contract', id);
    const [clauses] = await clausesByContract(this.queries, [figures], at, this.config.FTE_REFERENCE_HOURS);
    return {
      contractId: figures.id,
      reference: figures.reference,
      at,
      elapsedShare: Math.round(elapsedShare(elapsed(figures.startDate, figures.endDate, at)) * 10_000) / 10_000,
      clauses: clauses.map(publicClause),
    };
  }

  async scope(kind: ScopeKind, key: string, at: string) {
    const { scope, name } = await this.resolveScope(kind, key);
    const figures = await this.queries.contractFigures(scope, at);
    const clauses = await clausesByContract(this.queries, figures, at, this.config.FTE_REFERENCE_HOURS);
    const people = await this.queries.distinctBeneficiaries(scope, at);
    const totals: ScopeTotals = scopeTotals(figures, clauses, people, this.config.FTE_REFERENCE_HOURS);
    return {
      scope: { kind, id: key, name },
      at,
      ...totals,
      contracts: figures.map((c, i) => contractLine(c, clauses[i])),
    };
  }

  async list(scope: Scope, at: string, page: PageQuery): Promise<Page<ContractLine>> {
    const total = await this.queries.countContracts(scope);
    const figures = await this.queries.contractFigures(scope, at, { limit: page.pageSize, offset: page.offset });
    const clauses = await clausesByContract(this.queries, figures, at, this.config.FTE_REFERENCE_HOURS);
    return Page.of(figures.map((c, i) => contractLine(c, clauses[i])), total, page);
  }

  private async resolveScope(kind: ScopeKind, key: string): Promise<{ scope: Scope; name: string }> {
    if (kind === 'contracting_authority') {
      const org = await this.queries.contractingAuthority(key);
      if (!org) throw new NotFoundError('contracting authority', key);
      return { scope: { contractingAuthorityId: key }, name: org.name };
    }
    const place = await this.queries.exists(kind === 'department' ? 'departments' : 'regions', key);
    if (!place) throw new NotFoundError(kind, key);
    return { scope: kind === 'department' ? { departmentCode: key } : { regionCode: key }, name: place.name };
  }
}
