import { EntityManager } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import { NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
import { monthEnd, monthStart } from '../common/units/calendar';

/** The contract, or 404: every figure declared on a contract needs it to exist first. */
export async function findContractOr404(m: EntityManager, contractId: string): Promise<Contract> {
  const contract = await m.findOne(Contract, { where: { id: contractId } });
  if (!contract) throw new NotFoundError('Contract', contractId);
  return contract;
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
