import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isRole } from '../access/actor';
import { actorIdentity, currentActor } from '../access/request-context';
import { named } from '../access/sql-binder';
import { contractVisibleSql, operationVisibleSql } from '../access/visibility.sql';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
import { Page } from '../common/pagination/page';
import { ClauseView, ClausesService } from '../clauses/clauses.service';
import { inTransaction } from '../database/transaction';
import { Operation } from '../operations/operation.entity';
import { escapeLike, OrganisationsService } from '../organisations/organisations.service';
import { Department } from '../territories/territory.entity';
import { refuseHoursOutsideNewDates } from '../hours-statements/hours-within-dates';
import { Contract, ContractParty } from './contract.entity';
import { ContractQuery } from './dto/contract-query.dto';
import { CreateContractDto } from './dto/create-contract.dto';
import { PartyInput } from './dto/party-input.dto';
import { UpdateContractDto } from './dto/update-contract.dto';

export interface PartyView {
  id: string;
  companyId: string;
  companyName: string;
  companySize: string | null;
  role: ContractParty['role'];
  subcontractedAmountCents: number | null;
  declaredOn: string | null;
}

export type ContractDetail = Contract & { parties: PartyView[]; clauses: ClauseView[] };

@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(Contract) private readonly contracts: Repository<Contract>,
    @InjectRepository(ContractParty) private readonly parties: Repository<ContractParty>,
    private readonly organisations: OrganisationsService,
    private readonly clauses: ClausesService,
  ) {}

  /** The contract and its parties in one transaction: a refused party leaves nothing written. */
  async create(dto: CreateContractDto): Promise<ContractDetail> {
    checkCreator(dto);
    checkDates(dto.startDate, dto.endDate);
    const id = await inTransaction(this.ds, actorIdentity(), async (m) => {
      await this.organisations.requireKind(dto.contractingAuthorityId, 'contracting_authority', 'contractingAuthorityId', m);
      await this.organisations.requireKind(dto.holderId, 'company', 'holderId', m);
      if (!(await m.existsBy(Department, { code: dto.executionDepartmentCode }))) {
        throw new RuleViolationError('unknown_department', `no department ${dto.executionDepartmentCode}`, [
          { field: 'executionDepartmentCode', reason: `unknown department ${dto.executionDepartmentCode}` },
        ]);
      }
      if (dto.operationId) await this.checkOperation(m, dto.operationId, dto.contractingAuthorityId);
      // A duplicate reference for the same authority hits contract_reference_unique: 409.
      const contract = await m.save(Contract, m.create(Contract, {
        reference: dto.reference.trim(), title: dto.title.trim(), cpvCode: dto.cpvCode, contractingAuthorityId: dto.contractingAuthorityId,
        holderId: dto.holderId, operationId: dto.operationId ?? null, amountCents: dto.amountCents, notificationDate: dto.notificationDate ?? null,
        startDate: dto.startDate, endDate: dto.endDate, executionDepartmentCode: dto.executionDepartmentCode,
        socialConsiderations: [...new Set(dto.socialConsiderations ?? [])],
      }));
      for (const [i, p] of (dto.parties ?? []).entries()) await this.insertParty(m, contract, p, `parties.${i}.`);
      return contract.id;
    });
    return this.get(id);
  }

  async list(q: ContractQuery): Promise<Page<Contract>> {
    const qb = this.visible().orderBy('c.start_date', 'DESC').addOrderBy('c.reference', 'ASC').addOrderBy('c.id', 'ASC').skip(q.offset).take(q.pageSize);
    if (q.executionDepartmentCode) qb.andWhere('c.execution_department_code = :dep', { dep: q.executionDepartmentCode });
    if (q.regionCode) qb.andWhere('c.execution_department_code IN (SELECT d.code FROM departments d WHERE d.region_code = :region)', { region: q.regionCode });
    if (q.contractingAuthorityId) qb.andWhere('c.contracting_authority_id = :ca', { ca: q.contractingAuthorityId });
    if (q.holderId) qb.andWhere('c.holder_id = :holder', { holder: q.holderId });
    if (q.operationId) qb.andWhere('c.operation_id = :op', { op: q.operationId });
    if (q.activeOn) qb.andWhere(':on BETWEEN c.start_date AND c.end_date', { on: q.activeOn });
    if (q.q) qb.andWhere('(c.reference ILIKE :q OR c.title ILIKE :q)', { q: `%${escapeLike(q.q)}%` });
    const [items, total] = await qb.getManyAndCount();
    return Page.of(items, total, q);
  }

  async get(id: string): Promise<ContractDetail> {
    const contract = await this.find(id);
    const parties = await this.parties.find({ where: { contractId: id }, relations: { company: true }, order: { role: 'ASC', id: 'ASC' } });
    return { ...contract, parties: parties.map(partyView), clauses: await this.clauses.viewsForContract(id) };
  }

  async update(id: string, dto: UpdateContractDto): Promise<ContractDetail> {
    const contract = await this.find(id);
    if (dto.endDate !== undefined) {
      checkDates(contract.startDate, dto.endDate);
      await this.checkNoAmendmentAfter(id, dto.endDate);
    }
    await inTransaction(this.ds, actorIdentity(), async (m) => {
      if (dto.endDate !== undefined) await refuseHoursOutsideNewDates(m, 'contract', id, { startDate: contract.startDate, endDate: dto.endDate });
      await m.getRepository(Contract).update(id, {
      ...(dto.title !== undefined ? { title: dto.title.trim() } : {}),
      ...(dto.endDate !== undefined ? { endDate: dto.endDate } : {}),
      ...(dto.amountCents !== undefined ? { amountCents: dto.amountCents } : {}),
      ...(dto.notificationDate !== undefined ? { notificationDate: dto.notificationDate } : {}),
      ...(dto.socialConsiderations !== undefined ? { socialConsiderations: [...new Set(dto.socialConsiderations)] } : {}),
      });
    });
    return this.get(id);
  }

  async addParty(contractId: string, p: PartyInput): Promise<PartyView> {
    const contract = await this.find(contractId);
    const partyId = await inTransaction(this.ds, actorIdentity(), (m) => this.insertParty(m, contract, p, ''));
    const party = await this.parties.findOneOrFail({ where: { id: partyId }, relations: { company: true } });
    return partyView(party);
  }

  async removeParty(contractId: string, partyId: string): Promise<void> {
    await this.find(contractId);
    const res = await inTransaction(this.ds, actorIdentity(), (m) => m.getRepository(ContractParty).delete({ id: partyId, contractId }));
    if (!res.affected) throw new NotFoundError('contract party', partyId);
  }

  /** A contract the caller may see, or 404 (whether it exists elsewhere is never told). */
  async find(id: string): Promise<Contract> {
    const c = await this.visible().andWhere('c.id = :id', { id }).getOne();
    if (!c) throw new NotFoundError('contract', id);
    return c;
  }

  private visible() {
    const qb = this.contracts.createQueryBuilder('c');
    return qb.where(contractVisibleSql(currentActor(), 'c', named(qb)));
  }

  private async insertParty(m: EntityManager, contract: Contract, p: PartyInput, prefix: string): Promise<string> {
    await this.organisations.requireKind(p.companyId, 'company', `${prefix}companyId`, m);
    if (p.companyId === contract.holderId) {
      throw new RuleViolationError('holder_as_party', 'the holder is on the contract itself, not a co-contractor or subcontractor', [
        { field: `${prefix}companyId`, reason: 'is the holder of the contract' },
      ]);
    }
    // The same company twice hits contract_party_unique: 409, and the transaction rolls back.
    const party = await m.save(ContractParty, m.create(ContractParty, {
      contractId: contract.id, companyId: p.companyId, role: p.role, subcontractedAmountCents: p.subcontractedAmountCents ?? null, declaredOn: p.declaredOn ?? null,
    }));
    return party.id;
  }

  /** Shortening a contract must not leave an amendment taking effect after its end. */
  private async checkNoAmendmentAfter(contractId: string, endDate: string): Promise<void> {
    const [row] = await this.ds.query<{ latest: string | null }[]>(
      `SELECT max(t.effective_from)::text AS latest FROM clause_terms t JOIN clauses c ON c.id = t.clause_id WHERE c.contract_id = $1`,
      [contractId],
    );
    if (row?.latest && row.latest > endDate) {
      throw new RuleViolationError('amendment_after_end', `a clause amendment takes effect on ${row.latest}, after the new end date`, [
        { field: 'endDate', reason: `must be on or after ${row.latest}, the latest clause amendment` },
      ]);
    }
  }

  /** An operation the caller sees, of the same authority; one it does not see is unknown, never confirmed. */
  private async checkOperation(m: EntityManager, operationId: string, authorityId: string): Promise<void> {
    const qb = m.getRepository(Operation).createQueryBuilder('op').where('op.id = :id', { id: operationId });
    const op = await qb.andWhere(operationVisibleSql(currentActor(), 'op', named(qb))).getOne();
    if (!op) throw new RuleViolationError('unknown_operation', `no operation ${operationId}`, [{ field: 'operationId', reason: 'no such operation' }]);
    if (op.contractingAuthorityId !== authorityId) {
      throw new RuleViolationError('operation_of_other_authority', 'the operation belongs to another contracting authority', [
        { field: 'operationId', reason: 'belongs to another contracting authority' },
      ]);
    }
  }
}

/** A buyer creates contracts for its own authority; a facilitator in its own departments. */
function checkCreator(dto: CreateContractDto): void {
  const actor = currentActor();
  if (isRole(actor, 'buyer') && dto.contractingAuthorityId !== actor.organisationId) {
    throw new ForbiddenError('A buyer creates contracts for its own contracting authority only', [
      { field: 'contractingAuthorityId', reason: 'must be your own organisation' },
    ]);
  }
  if (isRole(actor, 'facilitator') && !actor.departmentCodes.includes(dto.executionDepartmentCode)) {
    throw new ForbiddenError(`A facilitator creates contracts in its departments only (${actor.departmentCodes.join(', ')})`, [
      { field: 'executionDepartmentCode', reason: `must be one of your departments: ${actor.departmentCodes.join(', ')}` },
    ]);
  }
}

function checkDates(start: string, end: string): void {
  if (end < start) {
    throw new RuleViolationError('end_before_start', `the end date ${end} is before the start date ${start}`, [{ field: 'endDate', reason: 'must be on or after the start date' }]);
  }
}

function partyView(p: ContractParty): PartyView {
  return {
    id: p.id, companyId: p.companyId, companyName: p.company?.name ?? '', companySize: p.company?.size ?? null, role: p.role,
    subcontractedAmountCents: p.subcontractedAmountCents, declaredOn: p.declaredOn,
  };
}
