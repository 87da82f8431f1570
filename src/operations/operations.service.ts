import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page } from '../common/pagination/page';
import { OrganisationsService } from '../organisations/organisations.service';
import { CreateOperationDto } from './dto/create-operation.dto';
import { OperationQuery } from './dto/operation-query.dto';
import { Operation } from './operation.entity';

@Injectable()
export class OperationsService {
  constructor(
    @InjectRepository(Operation) private readonly operations: Repository<Operation>,
    private readonly organisations: OrganisationsService,
  ) {}

  async create(dto: CreateOperationDto): Promise<Operation> {
    await this.organisations.requireKind(dto.contractingAuthorityId, 'contracting_authority', 'contractingAuthorityId');
    return this.operations.save(this.operations.create({ name: dto.name.trim(), description: dto.description ?? null, contractingAuthorityId: dto.contractingAuthorityId }));
  }

  async list(q: OperationQuery): Promise<Page<Operation>> {
    const [items, total] = await this.operations.findAndCount({
      where: q.contractingAuthorityId ? { contractingAuthorityId: q.contractingAuthorityId } : {},
      order: { name: 'ASC', id: 'ASC' },
      skip: q.offset,
      take: q.pageSize,
    });
    return Page.of(items, total, q);
  }

  async get(id: string): Promise<Operation> {
    const o = await this.operations.findOneBy({ id });
    if (!o) throw new NotFoundError('operation', id);
    return o;
  }
}
