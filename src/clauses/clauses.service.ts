import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { actorIdentity, currentActor } from '../access/request-context';
import { named } from '../access/sql-binder';
import { contractVisibleSql } from '../access/visibility.sql';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
import { todayUtc } from '../common/units/calendar';
import { termsAt } from '../compliance/rules/insertion-target';
import { Contract } from '../contracts/contract.entity';
import { inTransaction } from '../database/transaction';
import { Clause, ClauseTerms } from './clause.entity';
import { AmendClauseDto } from './dto/amend-clause.dto';
import { CreateClauseDto } from './dto/create-clause.dto';
import { termsFromInput, termsView, TermsView } from './terms';

export interface ClauseView {
  id: string;
  contractId: string;
  kind: Clause['kind'];
  label: string | null;
  createdAt: Date;
  /** The terms in force today (the original before any amendment takes effect). */
  currentTerms: TermsView | null;
  /** Original first, then amendments by effective date. */
  terms: TermsView[];
}

@Injectable()
export class ClausesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(Clause) private readonly clauses: Repository<Clause>,
    @InjectRepository(ClauseTerms) private readonly terms: Repository<ClauseTerms>,
    @InjectRepository(Contract) private readonly contracts: Repository<Contract>,
  ) {}

  async create(contractId: string, dto: CreateClauseDto): Promise<ClauseView> {
    await this.contract(contractId);
    const { kind, label, ...input } = dto;
    const cols = termsFromInput(kind, input);
    const id = await inTransaction(this.ds, actorIdentity(), async (m) => {
      const clause = await m.save(Clause, m.create(Clause, { contractId, kind, label: label?.trim() || null }));
      await m.save(ClauseTerms, m.create(ClauseTerms, { clauseId: clause.id, effectiveFrom: null, ...cols }));
      return clause.id;
    });
    return this.get(id);
  }

  async listForContract(contractId: string): Promise<ClauseView[]> {
    await this.contract(contractId);
    return this.viewsForContract(contractId);
  }

  /** For the contract detail: the contract is known to exist. */
  async viewsForContract(contractId: string): Promise<ClauseView[]> {
    // Clauses written together (an import, one transaction) share createdAt: the kind keeps their order stable.
    const clauses = await this.clauses.find({ where: { contractId }, order: { createdAt: 'ASC', kind: 'ASC', id: 'ASC' } });
    return this.views(clauses);
  }

  async get(id: string): Promise<ClauseView> {
    return (await this.views([await this.find(id)]))[0];
  }

  /** Adds a terms row from a date; the earlier terms stay as they were (DOMAIN rule 1). */
  async amend(id: string, dto: AmendClauseDto): Promise<ClauseView> {
    const clause = await this.find(id);
    const contract = await this.contract(clause.contractId);
    const { effectiveFrom, reason, ...input } = dto;
    if (effectiveFrom < contract.startDate || effectiveFrom > contract.endDate) {
      throw new RuleViolationError(
        'amendment_outside_contract',
        `an amendment must take effect between the contract's start ${contract.startDate} and end ${contract.endDate}`,
        [{ field: 'effectiveFrom', reason: `must be within ${contract.startDate}..${contract.endDate}` }],
        { startDate: contract.startDate, endDate: contract.endDate },
      );
    }
    const cols = termsFromInput(clause.kind, input);
    // Checked for a clear answer; the unique index (clause_terms_one_per_date) settles a race with a 409 too.
    if (await this.terms.existsBy({ clauseId: id, effectiveFrom })) {
      throw new ConflictError('amendment_date_taken', `the clause already has an amendment effective ${effectiveFrom}`, [
        { field: 'effectiveFrom', reason: 'the clause already has an amendment on this date' },
      ]);
    }
    await inTransaction(this.ds, actorIdentity(), (m) => m.save(m.create(ClauseTerms, { clauseId: id, effectiveFrom, reason: reason.trim(), ...cols })));
    return this.get(id);
  }

  /** A clause of a contract the caller may see, or 404. */
  private async find(id: string): Promise<Clause> {
    const qb = this.clauses.createQueryBuilder('cl').innerJoin(Contract, 'c', 'c.id = cl.contract_id').where('cl.id = :id', { id });
    const clause = await qb.andWhere(contractVisibleSql(currentActor(), 'c', named(qb))).getOne();
    if (!clause) throw new NotFoundError('clause', id);
    return clause;
  }

  /** A contract the caller may see, or 404. */
  private async contract(id: string): Promise<Contract> {
    const qb = this.contracts.createQueryBuilder('c').where('c.id = :id', { id });
    const c = await qb.andWhere(contractVisibleSql(currentActor(), 'c', named(qb))).getOne();
    if (!c) throw new NotFoundError('contract', id);
    return c;
  }

  private async views(clauses: Clause[]): Promise<ClauseView[]> {
    if (!clauses.length) return [];
    const rows = await this.terms.find({
      where: { clauseId: In(clauses.map((c) => c.id)) },
      order: { effectiveFrom: { direction: 'ASC', nulls: 'FIRST' } },
    });
    const today = todayUtc();
    return clauses.map((c) => {
      const history = rows.filter((r) => r.clauseId === c.id);
      const current = termsAt(history, today);
      return {
        id: c.id, contractId: c.contractId, kind: c.kind, label: c.label, createdAt: c.createdAt,
        currentTerms: current ? termsView(current) : null,
        terms: history.map(termsView),
      };
    });
  }
}
