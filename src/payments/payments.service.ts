import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isRole } from '../access/actor';
import { actorIdentity, currentActor } from '../access/request-context';
import { named } from '../access/sql-binder';
import { paymentVisibleSql } from '../access/visibility.sql';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
import { Page } from '../common/pagination/page';
import { monthStart } from '../common/units/calendar';
import { inTransaction } from '../database/transaction';
import { ContractParty } from '../contracts/contract.entity';
import { findContractOr404, monthWithinContract } from '../contract-activity/contract-months';
import { Payment, PaymentStatus } from './payment.entity';
import { CreatePaymentDto, ListPaymentsQuery, PaymentView } from './dto/payment.dto';

export function toPaymentView(p: Payment): PaymentView {
  return {
    id: p.id, contractId: p.contractId, payerId: p.payerId, payeeId: p.payeeId, month: p.month.slice(0, 7), amountCents: p.amountCents,
    status: p.status, disputeReason: p.disputeReason, declaredAt: p.declaredAt, decidedAt: p.decidedAt,
  };
}

@Injectable()
export class PaymentsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Declared by the payer: the holder, or a co-contractor paying its own subcontractor. */
  async declare(contractId: string, dto: CreatePaymentDto): Promise<PaymentView> {
    return inTransaction(this.ds, actorIdentity(), async (m) => {
      const contract = await findContractOr404(m, contractId);
      const month = monthWithinContract(contract, dto.month);
      const actor = currentActor();
      // A company declares what it paid itself; a facilitator may type it in for the holder or a co-contractor.
      const payerId = dto.payerId ?? (isRole(actor, 'company') ? actor.organisationId! : contract.holderId);
      if (isRole(actor, 'company') && payerId !== actor.organisationId) {
        throw new ForbiddenError('A company declares its own payments only', [{ field: 'payerId', reason: 'must be your own company (or left out)' }]);
      }
      if (payerId !== contract.holderId && (await this.partyRole(m, contractId, payerId)) !== 'co_contractor') {
        throw new RuleViolationError('payer_not_allowed', 'Only the holder or a co-contractor of the contract declares payments', [
          { field: 'payerId', reason: 'must be the holder or a co-contractor of the contract' },
        ]);
      }
      if (!(await this.partyRole(m, contractId, dto.payeeId))) {
        throw new RuleViolationError('payee_not_party', 'The payee is not a co-contractor or subcontractor of the contract', [
          { field: 'payeeId', reason: 'must be a co-contractor or subcontractor of the contract' },
        ]);
      }
      if (dto.payeeId === payerId) {
        throw new RuleViolationError('payee_is_payer', 'A company cannot pay itself', [{ field: 'payeeId', reason: 'must differ from the payer' }]);
      }
      const saved = await m.save(m.create(Payment, { contractId, payerId, payeeId: dto.payeeId, month, amountCents: dto.amountCents, status: 'declared' }));
      return toPaymentView(await m.findOneOrFail(Payment, { where: { id: saved.id } }));
    });
  }

  async list(contractId: string, q: ListPaymentsQuery): Promise<Page<PaymentView>> {
    await findContractOr404(this.ds.manager, contractId);
    const qb = this.visible().andWhere('p.contractId = :contractId', { contractId });
    if (q.status) qb.andWhere('p.status = :status', { status: q.status });
    if (q.payeeId) qb.andWhere('p.payeeId = :payeeId', { payeeId: q.payeeId });
    if (q.from) qb.andWhere('p.month >= :from', { from: monthStart(q.from) });
    if (q.to) qb.andWhere('p.month <= :to', { to: monthStart(q.to) });
    const [rows, total] = await qb.orderBy('p.month', 'ASC').addOrderBy('p.declaredAt', 'ASC').addOrderBy('p.id', 'ASC').skip(q.offset).take(q.pageSize).getManyAndCount();
    return Page.of(rows.map(toPaymentView), total, q);
  }

  async get(id: string): Promise<PaymentView> {
    return toPaymentView(await this.find(id));
  }

  /** A payment the caller may see, or 404. */
  private async find(id: string): Promise<Payment> {
    const p = await this.visible().andWhere('p.id = :id', { id }).getOne();
    if (!p) throw new NotFoundError('Payment', id);
    return p;
  }

  private visible() {
    const qb = this.ds.getRepository(Payment).createQueryBuilder('p');
    return qb.where(paymentVisibleSql(currentActor(), 'p', named(qb)));
  }

  confirm(id: string): Promise<PaymentView> {
    return this.decide(id, 'confirmed', null);
  }

  dispute(id: string, reason: string): Promise<PaymentView> {
    return this.decide(id, 'disputed', reason.trim());
  }

  /**
   * The payee's answer, once: the conditional UPDATE makes two concurrent answers impossible
   * (the second finds no 'declared' row and gets 409, never overwrites the first).
   */
  private async decide(id: string, status: Exclude<PaymentStatus, 'declared'>, disputeReason: string | null): Promise<PaymentView> {
    const payment = await this.find(id);
    const actor = currentActor();
    if (isRole(actor, 'company') && payment.payeeId !== actor.organisationId) {
      throw new ForbiddenError('Only the company that received the payment confirms or disputes it');
    }
    return inTransaction(this.ds, actorIdentity(), async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(Payment)
        .set({ status, disputeReason, decidedAt: () => 'now()' })
        .where('id = :id AND status = :from', { id, from: 'declared' })
        .execute();
      const p = await m.findOne(Payment, { where: { id } });
      if (!p) throw new NotFoundError('Payment', id);
      if (!res.affected) {
        throw new ConflictError('invalid_transition', `The payment is already ${p.status}; only a declared payment can be ${status}`, [], {
          from: p.status,
          to: status,
        });
      }
      return toPaymentView(p);
    });
  }

  private async partyRole(m: EntityManager, contractId: string, companyId: string): Promise<ContractParty['role'] | null> {
    const party = await m.findOne(ContractParty, { where: { contractId, companyId } });
    return party?.role ?? null;
  }
}
