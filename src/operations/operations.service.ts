import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { isRole } from '../access/actor';
import { actorIdentity, currentActor } from '../access/request-context';
import { named } from '../access/sql-binder';
import { operationVisibleSql } from '../access/visibility.sql';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-errors';
import { Page } from '../common/pagination/page';
import { inTransaction } from '../database/transaction';
import { OrganisationsService } from '../organisations/organisations.service';
import { CreateOperationDto } from './dto/create-operation.dto';
import { OperationQuery } from './dto/operation-query.dto';
import { Operation } from './operation.entity';

@Injectable()
export class OperationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(Operation) private readonly operations: Repository<Operation>,
    private readonly organisations: OrganisationsService,
  ) {}

  async create(dto: CreateOperationDto): Promise<Operation> {
    const actor = currentActor();
    if (isRole(actor, 'buyer') && dto.contractingAuthorityId !== actor.organisationId) {
      throw new ForbiddenError('A buyer creates operations for its own contracting authority only', [{ field: 'contractingAuthorityId', reason: 'must be your own organisation' }]);
    }
    const authority = await this.organisations.requireKind(dto.contractingAuthorityId, 'contracting_authority', 'contractingAuthorityId');
    // A facilitator groups contracts of the authorities working in its departments: those it can then see.
    if (isRole(actor, 'facilitator') && !authority.departmentCodes.some((d) => actor.departmentCodes.includes(d))) {
      throw new ForbiddenError('A facilitator creates operations for contracting authorities working in its departments only', [
        { field: 'contractingAuthorityId', reason: `must work in one of your departments (${actor.departmentCodes.join(', ')})` },
      ]);
    }
    return inTransaction(this.ds, actorIdentity(), (m) =>
      m.save(m.create(Operation, { name: dto.name.trim(), description: dto.description ?? null, contractingAuthorityId: dto.contractingAuthorityId })),
    );
  }

  async list(q: OperationQuery): Promise<Page<Operation>> {
    const qb = this.visible().orderBy('op.name', 'ASC').addOrderBy('op.id', 'ASC').skip(q.offset).take(q.pageSize);
    if (q.contractingAuthorityId) qb.andWhere('op.contracting_authority_id = :ca', { ca: q.contractingAuthorityId });
    const [items, total] = await qb.getManyAndCount();
    return Page.of(items, total, q);
  }

  async get(id: string): Promise<Operation> {
    const o = await this.visible().andWhere('op.id = :id', { id }).getOne();
    if (!o) throw new NotFoundError('operation', id);
    return o;
  }

  private visible() {
    const qb = this.operations.createQueryBuilder('op');
    return qb.where(operationVisibleSql(currentActor(), 'op', named(qb)));
  }
}
