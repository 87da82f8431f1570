import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { BadInputError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
import { Page } from '../common/pagination/page';
import { todayUtc } from '../common/units/calendar';
import { inTransaction } from '../database/transaction';
import { Organisation } from '../organisations/organisation.entity';
import { Beneficiary, EligibilityCriterion } from './beneficiary.entity';
import { BeneficiaryView, CriterionView } from './beneficiary.view';
import { CreateBeneficiaryDto } from './dto/create-beneficiary.dto';
import { CriterionInput } from './dto/criterion.dto';
import { ListBeneficiariesQuery } from './dto/list-beneficiaries.query';
import { UpdateBeneficiaryDto } from './dto/update-beneficiary.dto';
import { normaliseName, personCode, personKey } from './person-key';

@Injectable()
export class BeneficiariesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(Beneficiary) private readonly beneficiaries: Repository<Beneficiary>,
    @InjectRepository(EligibilityCriterion) private readonly criteria: Repository<EligibilityCriterion>,
    private readonly config: AppConfig,
  ) {}

  /** Registers a person and their criteria together: either all are written or none. */
  async create(dto: CreateBeneficiaryDto): Promise<BeneficiaryView> {
    this.checkIdentity(dto);
    const key = personKey(this.config.PSEUDONYM_SECRET, dto);
    const id = await inTransaction(this.ds, async (m) => {
      await this.requireFacilitator(m, dto.registeredById);
      const saved = await m.getRepository(Beneficiary).save(
        m.getRepository(Beneficiary).create({
          registeredById: dto.registeredById, personKey: key, code: personCode(key),
          lastName: dto.lastName.trim(), firstName: dto.firstName.trim(), birthDate: dto.birthDate, birthYear: Number(dto.birthDate.slice(0, 4)),
          sex: dto.sex, communeCode: dto.communeCode ?? null, qpvResident: dto.qpvResident, educationLevel: dto.educationLevel ?? null,
        }),
      );
      for (const c of dto.criteria ?? []) await this.insertCriterion(m, saved.id, c);
      return saved.id;
    });
    return this.get(id);
  }

  async list(q: ListBeneficiariesQuery): Promise<Page<BeneficiaryView>> {
    const qb = this.beneficiaries.createQueryBuilder('b');
    if (q.registeredById) qb.andWhere('b.registered_by_id = :registeredById', { registeredById: q.registeredById });
    if (q.contractId) qb.andWhere('EXISTS (SELECT 1 FROM assignments a WHERE a.beneficiary_id = b.id AND a.contract_id = :contractId)', { contractId: q.contractId });
    if (q.criterion) qb.andWhere('EXISTS (SELECT 1 FROM eligibility_criteria ec WHERE ec.beneficiary_id = b.id AND ec.criterion = :criterion)', { criterion: q.criterion });
    if (q.q) qb.andWhere(`b.code ILIKE :code ESCAPE '\\'`, { code: `%${q.q.replace(/[\\%_]/g, '\\$&')}%` });
    const [rows, total] = await qb.orderBy('b.created_at', 'ASC').addOrderBy('b.id', 'ASC').skip(q.offset).take(q.pageSize).getManyAndCount();
    const criteria = rows.length ? await this.criteria.find({ where: { beneficiaryId: In(rows.map((b) => b.id)) }, order: { validatedOn: 'ASC', createdAt: 'ASC' } }) : [];
    return Page.of(rows.map((b) => BeneficiaryView.of(b, criteria.filter((c) => c.beneficiaryId === b.id))), total, q);
  }

  async get(id: string): Promise<BeneficiaryView> {
    const b = await this.beneficiaries.findOneBy({ id });
    if (!b) throw new NotFoundError('Beneficiary', id);
    return BeneficiaryView.of(b, await this.criteriaOf(id));
  }

  async update(id: string, dto: UpdateBeneficiaryDto): Promise<BeneficiaryView> {
    const patch: Partial<Beneficiary> = {};
    if (dto.communeCode !== undefined) patch.communeCode = dto.communeCode;
    if (dto.qpvResident !== undefined) patch.qpvResident = dto.qpvResident;
    if (dto.educationLevel !== undefined) patch.educationLevel = dto.educationLevel;
    const res = Object.keys(patch).length ? await this.beneficiaries.update({ id }, patch) : { affected: await this.beneficiaries.countBy({ id }) };
    if (!res.affected) throw new NotFoundError('Beneficiary', id);
    return this.get(id);
  }

  async addCriterion(beneficiaryId: string, dto: CriterionInput): Promise<CriterionView> {
    const saved = await inTransaction(this.ds, async (m) => {
      // Lock the person so a concurrent erasure or deletion cannot slip between the check and the insert.
      const exists = await m.getRepository(Beneficiary).findOne({ where: { id: beneficiaryId }, lock: { mode: 'pessimistic_read' } });
      if (!exists) throw new NotFoundError('Beneficiary', beneficiaryId);
      return this.insertCriterion(m, beneficiaryId, dto);
    });
    return CriterionView.of(saved);
  }

  async listCriteria(beneficiaryId: string): Promise<CriterionView[]> {
    if (!(await this.beneficiaries.existsBy({ id: beneficiaryId }))) throw new NotFoundError('Beneficiary', beneficiaryId);
    return (await this.criteriaOf(beneficiaryId)).map(CriterionView.of);
  }

  private criteriaOf(beneficiaryId: string): Promise<EligibilityCriterion[]> {
    return this.criteria.find({ where: { beneficiaryId }, order: { validatedOn: 'ASC', createdAt: 'ASC' } });
  }

  private insertCriterion(m: EntityManager, beneficiaryId: string, c: CriterionInput): Promise<EligibilityCriterion> {
    const repo = m.getRepository(EligibilityCriterion);
    return repo.save(
      repo.create({
        beneficiaryId, criterion: c.criterion, validatedOn: c.validatedOn, validatedBy: c.validatedBy.trim(),
        validUntil: c.validUntil ?? null, reason: c.reason?.trim() || null,
      }),
    );
  }

  /** Names that normalise to nothing, or a birth date in the future, cannot identify anyone. */
  private checkIdentity(dto: CreateBeneficiaryDto): void {
    const problems = [
      ...(normaliseName(dto.lastName) ? [] : [{ field: 'lastName', reason: 'must contain letters' }]),
      ...(normaliseName(dto.firstName) ? [] : [{ field: 'firstName', reason: 'must contain letters' }]),
      ...(dto.birthDate >= '1900-01-01' && dto.birthDate <= todayUtc() ? [] : [{ field: 'birthDate', reason: 'must be between 1900-01-01 and today' }]),
    ];
    if (problems.length) throw new BadInputError('invalid_input', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
  }

  private async requireFacilitator(m: EntityManager, orgId: string): Promise<void> {
    const org = await m.getRepository(Organisation).findOneBy({ id: orgId });
    if (!org) throw new RuleViolationError('unknown_reference', `organisation ${orgId} does not exist`, [{ field: 'registeredById', reason: 'no such organisation' }]);
    if (org.kind !== 'facilitator_structure') {
      throw new RuleViolationError('registrant_not_facilitator', 'only a facilitator structure registers beneficiaries', [
        { field: 'registeredById', reason: `is a ${org.kind}, not a facilitator_structure` },
      ]);
    }
  }
}
