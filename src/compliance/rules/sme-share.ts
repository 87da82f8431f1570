import { ClauseStatus } from './clause-status';

export interface SmeShareAssessment {
  /** Executed by SMEs, confirmed ÷ contract amount. */
  confirmedShare: number | null;
  /** Executed by SMEs by payments declared, not yet confirmed ÷ contract amount (shown beside; may be negative). */
  declaredShare: number | null;
  /** Executed by SMEs, confirmed ÷ invoiced to date: progress while the contract runs. */
  progressShare: number | null;
  status: ClauseStatus;
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/**
 * DOMAIN rule 10. What SMEs executed, each euro counted once, is summed by the database from the
 * payments and invoices (sme_executed_sign() and is_sme(), migration SmeShareOnce, kept in
 * contract_month_activity); these are its shares and status. Status, by analogy with rule 8:
 * achieved once what SMEs executed (confirmed) reaches the minimum share of the whole amount; while
 * running, on track when the share of what has been invoiced so far reaches it, at risk from 80% of
 * it; after the end, achieved or failed.
 */
export function assessSmeShare(input: {
  minShare: number;
  confirmedCents: number;
  declaredCents: number;
  contractAmountCents: number;
  invoicedCents: number;
  at: string;
  startDate: string;
  endDate: string;
}): SmeShareAssessment {
  const { minShare, confirmedCents, contractAmountCents: amount, invoicedCents } = input;
  const min = BigInt(Math.round(minShare * 10_000));
  const reached = (part: number, whole: number, factor = 10n) => whole > 0 && BigInt(part) * 10_000n * 10n >= min * BigInt(whole) * factor;
  let status: ClauseStatus;
  if (input.at < input.startDate) status = 'not_started';
  else if (reached(confirmedCents, amount) || (amount === 0 && min === 0n)) status = 'achieved';
  else if (input.at > input.endDate) status = 'failed';
  else if (invoicedCents === 0 || reached(confirmedCents, invoicedCents)) status = 'on_track';
  else if (reached(confirmedCents, invoicedCents, 8n)) status = 'at_risk';
  else status = 'behind';
  return {
    confirmedShare: ratio(confirmedCents, amount),
    declaredShare: ratio(input.declaredCents, amount),
    progressShare: ratio(confirmedCents, invoicedCents),
    status,
  };
}
