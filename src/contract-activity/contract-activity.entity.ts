import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import { bigintAsNumber } from '../database/transformers';

/** Total hours worked on the contract in a month, declared by the holder (percent_of_hours denominator). */
@Entity('contract_monthly_hours')
@Check('contract_monthly_hours_positive', `hours_x100 >= 0`)
@Check('contract_monthly_hours_month', `extract(day from month) = 1`)
export class ContractMonthlyHours {
  @PrimaryColumn('uuid') contractId: string;
  @ManyToOne(() => Contract, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'contract_id' }) contract?: Contract;
  @PrimaryColumn('date') month: string;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) hoursX100: number;
  @UpdateDateColumn({ type: 'timestamptz' }) declaredAt: Date;
}

/** What the holder invoiced the buyer for a month (per_amount_invoiced targets, SME share progress). */
@Entity('contract_invoiced_amounts')
@Check('contract_invoiced_positive', `amount_cents >= 0`)
@Check('contract_invoiced_month', `extract(day from month) = 1`)
export class ContractInvoicedAmount {
  @PrimaryColumn('uuid') contractId: string;
  @ManyToOne(() => Contract, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'contract_id' }) contract?: Contract;
  @PrimaryColumn('date') month: string;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) amountCents: number;
  @UpdateDateColumn({ type: 'timestamptz' }) declaredAt: Date;
}
