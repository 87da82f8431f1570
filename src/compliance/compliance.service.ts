import { Injectable } from '@nestjs/common';
import { Actor } from '../access/actor';
import { currentActor } from '../access/request-context';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, PageQuery } from '../common/pagination/page';
import { AppConfig } from '../config/app-config';
import { ClauseFigures, InsertionClauseFigures } from './clause-figures';
import { clausesByContract, clausesFromTerms } from './clauses-by-contract';
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
    // Three connections at once: neither the people count nor the clauses' terms wait for the contracts'
    // sums, the longest of the three.
    const [figures, people, terms] = await Promise.all([
      this.queries.contractFigures(scope, at),
      this.queries.distinctBeneficiaries(scope, at),
      this.queries.clauseTermsInScope(scope),
    ]);
    const clauses = clausesFromTerms(terms, figures, at, this.config.FTE_REFERENCE_HOURS);
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

  /**
   * The scope asked for, or 404 when it does not exist or lies outside the caller's reach: a buyer
   * reads its own authority, regional staff their region and its departments, a facilitator its
   * departments and their region. Within reach, the figures still count only the contracts the caller
   * sees (ComplianceQueries.where).
   */
  private async resolveScope(kind: ScopeKind, key: string): Promise<{ scope: Scope; name: string }> {
    const actor = currentActor();
    if (kind === 'contracting_authority') {
      const org = await this.queries.contractingAuthority(key);
      if (!org || (actor.kind === 'user' && actor.role === 'buyer' && actor.organisationId !== key)) throw new NotFoundError('contracting authority', key);
      return { scope: { contractingAuthorityId: key }, name: org.name };
    }
    const place = await this.queries.place(kind, key);
    if (!place || !withinReach(actor, kind, key, place.departmentCodes)) throw new NotFoundError(kind, key);
    return { scope: kind === 'department' ? { departmentCode: key } : { regionCode: key }, name: place.name };
  }
}

/** Whether a territory is one the actor works in (buyers: any, their figures being filtered to their contracts). */
function withinReach(actor: Actor, kind: 'department' | 'region', code: string, departmentsOfPlace: string[]): boolean {
  if (actor.kind === 'system') return true;
  switch (actor.role) {
    case 'buyer':
      return true;
    case 'regional_staff':
    case 'facilitator':
      return kind === 'department' ? actor.departmentCodes.includes(code) : departmentsOfPlace.some((d) => actor.departmentCodes.includes(d));
    default:
      return false;
  }
}
