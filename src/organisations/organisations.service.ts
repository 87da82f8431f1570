import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isRole } from '../access/actor';
import { actorIdentity, currentActor } from '../access/request-context';
import { BadInputError, FieldProblem, ForbiddenError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
import { inTransaction } from '../database/transaction';
import { Page } from '../common/pagination/page';
import { TerritoriesService } from '../territories/territories.service';
import { CreateOrganisationDto } from './dto/create-organisation.dto';
import { OrganisationQuery } from './dto/organisation-query.dto';
import { UpdateOrganisationDto } from './dto/update-organisation.dto';
import { Organisation, type OrganisationKind } from './organisation.entity';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    private readonly territories: TerritoriesService,
  ) {}

  async create(dto: CreateOrganisationDto): Promise<Organisation> {
    const isCompany = dto.kind === 'company';
    // Organisations are public registry data (SIRENE): buyers and facilitators may register the companies
    // they work with; every other kind of organisation is an admin's.
    if (!isCompany && isRole(currentActor(), 'buyer', 'facilitator')) {
      throw new ForbiddenError('Buyers and facilitators register companies only; ask an administrator for other organisations', [
        { field: 'kind', reason: 'must be company' },
      ]);
    }
    const misplaced: FieldProblem[] = [];
    if (!isCompany && dto.size != null) misplaced.push({ field: 'size', reason: 'only a company has a size' });
    if (!isCompany && dto.inclusionType != null && dto.inclusionType !== 'none') misplaced.push({ field: 'inclusionType', reason: 'only a company has an inclusion type' });
    if (dto.kind !== 'regional_mission' && dto.regionCode != null) misplaced.push({ field: 'regionCode', reason: 'only a regional mission covers a region' });
    if (misplaced.length) throw new BadInputError('field_not_applicable', `fields not applicable to a ${dto.kind}`, misplaced);

    if (isCompany && !dto.size) throw new RuleViolationError('company_size_required', 'a company needs a size (micro, small, medium or large)', [{ field: 'size', reason: 'required for a company' }]);
    if (dto.kind === 'regional_mission') {
      if (!dto.regionCode) throw new RuleViolationError('region_required', 'a regional mission needs the region it covers', [{ field: 'regionCode', reason: 'required for a regional mission' }]);
      if (!(await this.territories.regionExists(dto.regionCode))) {
        throw new RuleViolationError('unknown_region', `no region with code ${dto.regionCode}`, [{ field: 'regionCode', reason: `unknown region ${dto.regionCode}` }]);
      }
    }
    await this.checkDepartments(dto.departmentCodes);

    // A duplicate SIRET hits the unique index and is answered 409 by the exception filter (race-safe).
    return inTransaction(this.ds, actorIdentity(), (m) =>
      m.getRepository(Organisation).save(
        m.getRepository(Organisation).create({
          kind: dto.kind, name: dto.name.trim(), siret: dto.siret, size: dto.size ?? null, inclusionType: dto.inclusionType ?? 'none',
          departmentCodes: [...new Set(dto.departmentCodes ?? [])], regionCode: dto.regionCode ?? null,
        }),
      ),
    );
  }

  async list(q: OrganisationQuery): Promise<Page<Organisation>> {
    const qb = this.organisations.createQueryBuilder('o').orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').skip(q.offset).take(q.pageSize);
    if (q.kind) qb.andWhere('o.kind = :kind', { kind: q.kind });
    if (q.departmentCode) qb.andWhere(':dep = ANY(o.department_codes)', { dep: q.departmentCode });
    if (q.q) qb.andWhere('o.name ILIKE :q', { q: `%${escapeLike(q.q)}%` });
    const [items, total] = await qb.getManyAndCount();
    return Page.of(items, total, q);
  }

  async get(id: string): Promise<Organisation> {
    const o = await this.organisations.findOneBy({ id });
    if (!o) throw new NotFoundError('organisation', id);
    return o;
  }

  async update(id: string, dto: UpdateOrganisationDto): Promise<Organisation> {
    const o = await this.get(id);
    const misplaced: FieldProblem[] = [];
    if (o.kind !== 'company' && dto.size !== undefined) misplaced.push({ field: 'size', reason: 'only a company has a size' });
    if (o.kind !== 'company' && dto.inclusionType !== undefined && dto.inclusionType !== 'none') misplaced.push({ field: 'inclusionType', reason: 'only a company has an inclusion type' });
    if (misplaced.length) throw new BadInputError('field_not_applicable', `fields not applicable to a ${o.kind}`, misplaced);
    await this.checkDepartments(dto.departmentCodes);

    if (dto.name !== undefined) o.name = dto.name.trim();
    if (dto.size !== undefined) o.size = dto.size;
    if (dto.inclusionType !== undefined) o.inclusionType = dto.inclusionType;
    if (dto.departmentCodes !== undefined) o.departmentCodes = [...new Set(dto.departmentCodes)];
    return inTransaction(this.ds, actorIdentity(), (m) => m.getRepository(Organisation).save(o));
  }

  /**
   * The organisation `id` when it is of `kind`; else 422 on `field` (an unknown id is a rule
   * problem of the referring record, not a 404 of the request's own resource).
   */
  async requireKind(id: string, kind: OrganisationKind, field: string, m?: EntityManager): Promise<Organisation> {
    const o = await (m ? m.getRepository(Organisation) : this.organisations).findOneBy({ id });
    if (!o) throw new RuleViolationError('unknown_organisation', `no organisation ${id}`, [{ field, reason: 'no such organisation' }]);
    if (o.kind !== kind) throw new RuleViolationError(`not_a_${kind}`, `${o.name} is a ${o.kind}, not a ${kind}`, [{ field, reason: `must be an organisation of kind ${kind}` }]);
    return o;
  }

  private async checkDepartments(codes: string[] | undefined): Promise<void> {
    const unknown = await this.territories.unknownDepartments(codes ?? []);
    if (unknown.length) {
      throw new RuleViolationError('unknown_department', `unknown department codes: ${unknown.join(', ')}`, [
        { field: 'departmentCodes', reason: `unknown department codes: ${unknown.join(', ')}` },
      ]);
    }
  }
}

/** `q` is matched literally: % and _ typed by a user are not wildcards. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
