import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { x100ToHours } from '../common/units/hours';
import { InvoicedAmountList, InvoicedAmountView, MonthlyHoursList, MonthlyHoursView } from './dto/monthly-figures.dto';
import { inTransaction } from '../database/transaction';
import { actorIdentity } from '../access/request-context';
import { assertHolderIfCompany, findContractOr404, monthWithinContract } from './contract-months';

/** The two per-month figures the holder declares share one shape: (contract, month) → one integer. */
interface MonthlyTable {
  table: 'contract_monthly_hours' | 'contract_invoiced_amounts';
  column: 'hours_x100' | 'amount_cents';
}
const HOURS: MonthlyTable = { table: 'contract_monthly_hours', column: 'hours_x100' };
const INVOICED: MonthlyTable = { table: 'contract_invoiced_amounts', column: 'amount_cents' };

interface Row {
  month: string;
  value: string;
  declared_at: Date;
  total: string;
}

@Injectable()
export class ContractActivityService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async putMonthlyHours(contractId: string, month: string, hoursX100: number): Promise<MonthlyHoursView> {
    const row = await this.upsert(HOURS, contractId, month, hoursX100);
    return { month: row.month, hours: x100ToHours(Number(row.value)), declaredAt: row.declared_at };
  }

  async listMonthlyHours(contractId: string): Promise<MonthlyHoursList> {
    const { rows, total } = await this.list(HOURS, contractId);
    return {
      contractId,
      items: rows.map((r) => ({ month: r.month, hours: x100ToHours(Number(r.value)), declaredAt: r.declared_at })),
      totalHours: x100ToHours(total),
    };
  }

  async putInvoicedAmount(contractId: string, month: string, amountCents: number): Promise<InvoicedAmountView> {
    const row = await this.upsert(INVOICED, contractId, month, amountCents);
    return { month: row.month, amountCents: Number(row.value), declaredAt: row.declared_at };
  }

  async listInvoicedAmounts(contractId: string): Promise<InvoicedAmountList> {
    const { rows, total } = await this.list(INVOICED, contractId);
    return { contractId, items: rows.map((r) => ({ month: r.month, amountCents: Number(r.value), declaredAt: r.declared_at })), totalCents: total };
  }

  /** Declaring a month again corrects it: one row per (contract, month), the latest value wins. */
  private async upsert(t: MonthlyTable, contractId: string, month: string, value: number): Promise<Row> {
    const contract = await findContractOr404(this.ds.manager, contractId);
    assertHolderIfCompany(contract, 'declares its monthly figures');
    const first = monthWithinContract(contract, month);
    const rows: Row[] = await inTransaction(this.ds, actorIdentity(), (m) => m.query(
      `INSERT INTO ${t.table} (contract_id, month, ${t.column}, declared_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (contract_id, month) DO UPDATE SET ${t.column} = EXCLUDED.${t.column}, declared_at = now()
       RETURNING to_char(month, 'YYYY-MM') AS month, ${t.column}::text AS value, declared_at, '0' AS total`,
      [contractId, first, value],
    ));
    return rows[0];
  }

  /** Rows by month; the total is summed by the database (integers, so exact), beside each row. */
  private async list(t: MonthlyTable, contractId: string): Promise<{ rows: Row[]; total: number }> {
    // What the holder declares to its buyer (hours worked, invoices) is not its subcontractors' business.
    assertHolderIfCompany(await findContractOr404(this.ds.manager, contractId), 'sees its monthly figures');
    const rows: Row[] = await this.ds.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, ${t.column}::text AS value, declared_at, (sum(${t.column}) OVER ())::text AS total
         FROM ${t.table} WHERE contract_id = $1 ORDER BY month`,
      [contractId],
    );
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }
}
