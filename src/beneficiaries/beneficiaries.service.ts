import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor, isRole } from '../access/actor';
import { actorIdentity, currentActor } from '../access/request-context';
import { named } from '../access/sql-binder';
import { beneficiaryVisibleSql, seesIdentity } from '../access/visibility.sql';
import { AppConfig } from '../config/app-config';
import { BadInputError, ForbiddenError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
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
import { IdentityCipher } from './identity-cipher';
import { erasedCode, Identity, normaliseName, personCode, personKey } from './person-key';

@Injectable()
export class BeneficiariesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(Beneficiary) private readonly beneficiaries: Repository<Beneficiary>,
    @InjectRepository(EligibilityCriterion) private readonly criteria: Repository<EligibilityCriterion>,
    private readonly config: AppConfig,
    private readonly cipher: IdentityCipher,
  ) {}

  /** Registers a person and their criteria together: either all are written or none. */
  async create(dto: CreateBeneficiaryDto): Promise<BeneficiaryView> {
    this.checkIdentity(dto);
    const registeredById = this.registrant(dto.registeredById);
    const identity: Identity = { lastName: dto.lastName.trim(), firstName: dto.firstName.trim(), birthDate: dto.birthDate };
    const key = personKey(this.config.PSEUDONYM_SECRET, identity);
    // The id is drawn here because the ciphertext is bound to it.
    const id = randomUUID();
    await inTransaction(this.ds, actorIdentity(), async (m) => {
      await this.requireFacilitator(m, registeredById);
      const repo = m.getRepository(Beneficiary);
      await repo.insert(
        repo.create({
          id, registeredById, personKey: key, code: personCode(key), identityEnc: this.cipher.encrypt(id, identity),
          birthYear: Number(dto.birthDate.slice(0, 4)), sex: dto.sex, communeCode: dto.communeCode ?? null, qpvResident: dto.qpvResident,
          educationLevel: dto.educationLevel ?? null,
        }),
      );
      for (const c of dto.criteria ?? []) await this.insertCriterion(m, id, c);
    });
    return this.get(id);
  }

  async list(q: ListBeneficiariesQuery): Promise<Page<BeneficiaryView>> {
    const qb = this.visible();
    if (q.registeredById) qb.andWhere('b.registered_by_id = :registeredById', { registeredById: q.registeredById });
    if (q.contractId) qb.andWhere('EXISTS (SELECT 1 FROM assignments a WHERE a.beneficiary_id = b.id AND a.contract_id = :contractId)', { contractId: q.contractId });
    if (q.criterion) qb.andWhere('EXISTS (SELECT 1 FROM eligibility_criteria ec WHERE ec.beneficiary_id = b.id AND ec.criterion = :criterion)', { criterion: q.criterion });
    if (q.q) qb.andWhere(`b.code ILIKE :code ESCAPE '\\'`, { code: `%${q.q.replace(/[\\%_]/g, '\\$&')}%` });
    const identity = identityQuery(currentActor(), q);
    if (identity) {
      // The identity is encrypted, so a person is found by name through their pseudonymous key (exact
      // match); only among the registrations whose identity the caller reads: its structure's, not erased.
      qb.andWhere('b.person_key = :key', { key: personKey(this.config.PSEUDONYM_SECRET, identity) })
        .andWhere('b.registered_by_id = :own AND b.erased_at IS NULL', { own: identity.searchedBy });
    }
    const [rows, total] = await qb.orderBy('b.created_at', 'ASC').addOrderBy('b.id', 'ASC').skip(q.offset).take(q.pageSize).getManyAndCount();
    const criteria = rows.length ? await this.criteria.find({ where: { beneficiaryId: In(rows.map((b) => b.id)) }, order: { validatedOn: 'ASC', createdAt: 'ASC' } }) : [];
    return Page.of(rows.map((b) => this.view(b, criteria.filter((c) => c.beneficiaryId === b.id))), total, q);
  }

  async get(id: string): Promise<BeneficiaryView> {
    const b = await this.find(id);
    return this.view(b, await this.criteriaOf(id));
  }

  async update(id: string, dto: UpdateBeneficiaryDto): Promise<BeneficiaryView> {
    await this.findOwn(id, 'change the record of');
    const patch: Partial<Beneficiary> = {};
    if (dto.communeCode !== undefined) patch.communeCode = dto.communeCode;
    if (dto.qpvResident !== undefined) patch.qpvResident = dto.qpvResident;
    if (dto.educationLevel !== undefined) patch.educationLevel = dto.educationLevel;
    if (Object.keys(patch).length) await inTransaction(this.ds, actorIdentity(), (m) => m.getRepository(Beneficiary).update({ id }, patch));
    return this.get(id);
  }

  async addCriterion(beneficiaryId: string, dto: CriterionInput): Promise<CriterionView> {
    await this.findOwn(beneficiaryId, 'add a criterion to');
    const saved = await inTransaction(this.ds, actorIdentity(), async (m) => {
      // Lock the person so a concurrent erasure cannot slip between the check and the insert. No-key
      // update, the lock the criteria trigger takes next: two criteria added at once queue instead of
      // both holding a share lock and deadlocking on the upgrade.
      const exists = await m.getRepository(Beneficiary).findOne({ where: { id: beneficiaryId }, lock: { mode: 'for_no_key_update' } });
      if (!exists) throw new NotFoundError('Beneficiary', beneficiaryId);
      return this.insertCriterion(m, beneficiaryId, dto);
    });
    return CriterionView.of(saved);
  }

  async listCriteria(beneficiaryId: string): Promise<CriterionView[]> {
    await this.find(beneficiaryId);
    return (await this.criteriaOf(beneficiaryId)).map(CriterionView.of);
  }

  /**
   * Right to be forgotten: the identity (and the commune, education level and free-text reasons that
   * could point back to the person) goes, and the code the identity gives is replaced by a random one;
   * the pseudonymous key, sex, birth year, QPV flag, criteria dates, assignments and hours stay, so no
   * figure changes and the person is still counted once.
   */
  async erase(id: string): Promise<BeneficiaryView> {
    await this.findOwn(id, 'erase');
    await inTransaction(this.ds, actorIdentity(), async (m) => {
      await m.query(
        `UPDATE beneficiaries SET identity_enc = NULL, commune_code = NULL, education_level = NULL, code = $2, erased_at = now()
          WHERE id = $1 AND erased_at IS NULL`,
        [id, erasedCode()],
      );
      await m.query(`UPDATE eligibility_criteria SET reason = 'effacé' WHERE beneficiary_id = $1 AND reason IS NOT NULL AND reason <> 'effacé'`, [id]);
    });
    return this.get(id);
  }

  /** A registration the caller may see, or 404. */
  async find(id: string): Promise<Beneficiary> {
    const b = await this.visible().andWhere('b.id = :id', { id }).getOne();
    if (!b) throw new NotFoundError('Beneficiary', id);
    return b;
  }

  /** A registration of the caller's own structure: others see it (pseudonymously) but may not change it. */
  async findOwn(id: string, action: string): Promise<Beneficiary> {
    const b = await this.find(id);
    if (!seesIdentity(currentActor(), b.registeredById) && currentActor().kind !== 'system') {
      throw new ForbiddenError(`Only the structure that registered this person may ${action} it`);
    }
    return b;
  }

  /** The decrypted identity, for the registering structure (null once erased). */
  identityOf(b: Beneficiary): Identity | null {
    return b.identityEnc ? this.cipher.decrypt(b.id, b.identityEnc) : null;
  }

  private view(b: Beneficiary, criteria: EligibilityCriterion[]): BeneficiaryView {
    const identity = seesIdentity(currentActor(), b.registeredById) ? this.identityOf(b) : undefined;
    return BeneficiaryView.of(b, criteria, identity, Number(todayUtc().slice(0, 4)));
  }

  private visible(): SelectQueryBuilder<Beneficiary> {
    const qb = this.beneficiaries.createQueryBuilder('b');
    return qb.where(beneficiaryVisibleSql(currentActor(), 'b', named(qb)));
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

  /** A facilitator registers for its own structure; naming another one is refused. */
  private registrant(requested: string | undefined): string {
    const actor: Actor = currentActor();
    if (isRole(actor, 'facilitator')) {
      if (requested && requested !== actor.organisationId) {
        throw new ForbiddenError('A facilitator registers people for its own structure only', [{ field: 'registeredById', reason: 'must be your own structure (or left out)' }]);
      }
      return actor.organisationId!;
    }
    if (!requested) throw new BadInputError('invalid_input', 'registeredById: required', [{ field: 'registeredById', reason: 'required' }]);
    return requested;
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

const IDENTITY_PARAMETERS = ['lastName', 'firstName', 'birthDate'] as const;

/**
 * The three identity fields of a search, when all are given, with the structure searching. Searching by
 * identity is a facilitator's tool: any other role is refused whatever it gives, so that no answer
 * depends on an identity it cannot read (not even "incomplete"). One or two fields alone are refused.
 */
function identityQuery(actor: Actor, q: ListBeneficiariesQuery): (Identity & { searchedBy: string }) | null {
  const given = IDENTITY_PARAMETERS.filter((p) => q[p] !== undefined);
  if (given.length === 0) return null;
  if (!isRole(actor, 'facilitator')) {
    throw new ForbiddenError(
      'Searching by identity is for facilitators, among the people their own structure registered',
      given.map((field) => ({ field, reason: 'only a facilitator may search by identity' })),
    );
  }
  if (given.length < 3) {
    throw new BadInputError('invalid_input', 'search by identity needs lastName, firstName and birthDate together (the identity is encrypted: only an exact match is possible)', [
      { field: 'lastName', reason: 'lastName, firstName and birthDate go together' },
    ]);
  }
  return { lastName: q.lastName!, firstName: q.firstName!, birthDate: q.birthDate!, searchedBy: actor.organisationId! };
}
