import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { monthOf, todayUtc } from '../common/units/calendar';
import { assessSmeShare } from '../compliance/rules/sme-share';
import { assertHolderIfCompany, findContractOr404 } from '../contract-activity/contract-months';
import { SmePayee, SmePaymentsSummary } from './dto/sme-payments.dto';

interface PayeeRow {
  company_id: string;
  name: string;
  size: SmePayee['size'];
  role: SmePayee['role'];
  sme: boolean;
  confirmed: string;
  declared: string;
  disputed: string;
}

interface TotalsRow {
  sme_confirmed: string;
  sme_declared: string;
  other_confirmed: string;
  other_declared: string;
  invoiced: string;
}

/** Payments of the months counted: all of them, or up to `at`'s month (DOMAIN rule 2). */
const MONTHS_COUNTED = `($2::date IS NULL OR month <= $2::date)`;

/** DOMAIN rule 10, payments side: what SMEs executed (the compliance figures' sums) and what each party was paid. */
@Injectable()
export class SmePaymentsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async summary(contractId: string, at: string | undefined): Promise<SmePaymentsSummary> {
    const contract = await findContractOr404(this.ds.manager, contractId);
    // Every payee's amounts are listed: a co-contractor or subcontractor does not see the others'.
    assertHolderIfCompany(contract, 'sees the payments to every party');
    const lastMonth = at ? monthOf(at) : null;

    // Every party is listed (a subcontractor not paid yet shows zeros), plus any payee that is no longer a party.
    const payees: PayeeRow[] = await this.ds.query(
      `WITH sums AS (
         SELECT payee_id,
                sum(amount_cents) FILTER (WHERE status = 'confirmed') AS confirmed,
                sum(amount_cents) FILTER (WHERE status = 'declared') AS declared,
                sum(amount_cents) FILTER (WHERE status = 'disputed') AS disputed
           FROM payments WHERE contract_id = $1 AND ${MONTHS_COUNTED} GROUP BY payee_id),
       payees AS (
         SELECT company_id AS id FROM contract_parties WHERE contract_id = $1
         UNION SELECT payee_id FROM payments WHERE contract_id = $1)
       SELECT o.id AS company_id, o.name, o.size, cp.role, is_sme(o.size) AS sme,
              coalesce(s.confirmed, 0)::text AS confirmed, coalesce(s.declared, 0)::text AS declared, coalesce(s.disputed, 0)::text AS disputed
         FROM payees p
         JOIN organisations o ON o.id = p.id
         LEFT JOIN contract_parties cp ON cp.contract_id = $1 AND cp.company_id = p.id
         LEFT JOIN sums s ON s.payee_id = p.id
        ORDER BY o.name, o.id`,
      [contractId, lastMonth],
    );
    // What SMEs executed (DOMAIN rule 10, each euro once) is the compliance figures' own pre-summed sum;
    // the payments to companies that are not SMEs are summed beside it, as they were paid.
    const [totals]: TotalsRow[] = await this.ds.query(
      `SELECT executed.*, other.*
         FROM (SELECT coalesce(sum(a.sme_confirmed_cents), 0)::text AS sme_confirmed, coalesce(sum(a.sme_declared_cents), 0)::text AS sme_declared,
                      coalesce(sum(a.invoiced_cents), 0)::text AS invoiced
                 FROM contract_month_activity a WHERE a.contract_id = $1 AND ${MONTHS_COUNTED.replace('month', 'a.month')}) executed,
              (SELECT coalesce(sum(p.amount_cents) FILTER (WHERE p.status = 'confirmed'), 0)::text AS other_confirmed,
                      coalesce(sum(p.amount_cents) FILTER (WHERE p.status = 'declared'), 0)::text AS other_declared
                 FROM payments p JOIN organisations o ON o.id = p.payee_id
                WHERE p.contract_id = $1 AND NOT is_sme(o.size) AND ${MONTHS_COUNTED.replace('month', 'p.month')}) other`,
      [contractId, lastMonth],
    );

    const sme = { confirmedCents: Number(totals.sme_confirmed), declaredCents: Number(totals.sme_declared) };
    const invoicedCents = Number(totals.invoiced);
    // Only the shares are taken: the status needs the clause's minimum share, which the compliance figures own.
    const { confirmedShare, declaredShare, progressShare } = assessSmeShare({
      minShare: 0, confirmedCents: sme.confirmedCents, declaredCents: sme.declaredCents, contractAmountCents: contract.amountCents, invoicedCents,
      at: at ?? todayUtc(), startDate: contract.startDate, endDate: contract.endDate,
    });
    return {
      contractId,
      at: at ?? null,
      contractAmountCents: contract.amountCents,
      invoicedCents,
      sme,
      nonSme: { confirmedCents: Number(totals.other_confirmed), declaredCents: Number(totals.other_declared) },
      confirmedShare,
      declaredShare,
      progressShare,
      payees: payees.map((r) => ({
        companyId: r.company_id, name: r.name, size: r.size, sme: r.sme, role: r.role,
        confirmedCents: Number(r.confirmed), declaredCents: Number(r.declared), disputedCents: Number(r.disputed),
      })),
    };
  }
}
