import { EntityManager } from 'typeorm';
import { isRole } from '../access/actor';
import { currentActor } from '../access/request-context';
import { named } from '../access/sql-binder';
import { contractVisibleSql } from '../access/visibility.sql';
import { Contract } from '../contracts/contract.entity';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
import { monthEnd, monthStart } from '../common/units/calendar';

/** The contract if the caller may see it, or 404: every figure declared on a contract needs it first. */
export async function findContractOr404(m: EntityManager, contractId: string): Promise<Contract> {
  const qb = m.getRepository(Contract).createQueryBuilder('c').where('c.id = :id', { id: contractId });
  const contract = await qb.andWhere(contractVisibleSql(currentActor(), 'c', named(qb))).getOne();
  if (!contract) throw new NotFoundError('Contract', contractId);
  return contract;
}

/** A company declares the contract's own monthly figures only as its holder (a subcontractor sees the contract, no more). */
export function assertHolderIfCompany(contract: Contract, what: string): void {
  const actor = currentActor();
  if (isRole(actor, 'company') && contract.holderId !== actor.organisationId) {
    throw new ForbiddenError(`Only the holder of the contract ${what}`);
  }
}

/**
 * A month ('YYYY-MM', already validated) is accepted when any of its days falls within the
 * contract's dates: a contract starting on the 15th still has hours in its first month.
 * Returns the month's first day, as stored.
 */
export function monthWithinContract(contract: Pick<Contract, 'startDate' | 'endDate'>, month: string, field = 'month'): string {
  const first = monthStart(month);
  if (!first) throw new RuleViolationError('invalid_month', `${month} is not a month YYYY-MM`, [{ field, reason: 'must be a month YYYY-MM' }]);
  if (monthEnd(first) < contract.startDate || first > contract.endDate) {
    throw new RuleViolationError(
      'month_outside_contract',
      `${month} is outside the contract, which runs from ${contract.startDate} to ${contract.endDate}`,
      [{ field, reason: `must overlap the contract dates ${contract.startDate} – ${contract.endDate}` }],
      { startDate: contract.startDate, endDate: contract.endDate },
    );
  }
  return first;
}
