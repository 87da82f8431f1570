import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import { Organisation } from '../organisations/organisation.entity';
import { bigintAsNumber } from '../database/transformers';

export const PAYMENT_STATUSES = ['declared', 'confirmed', 'disputed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Paid by the holder to a co-contractor or subcontractor for a month; the payee confirms or disputes. */
@Entity('payments')
@Index('payment_contract_month', ['contractId', 'month'])
@Check('payment_status', `status IN ('declared','confirmed','disputed')`)
@Check('payment_amount', `amount_cents > 0`)
@Check('payment_month', `extract(day from month) = 1`)
@Check('payment_dispute_reason', `status <> 'disputed' OR length(trim(dispute_reason)) > 0`)
export class Payment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') contractId: string;
  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'contract_id' }) contract?: Contract;
  @Column('uuid') payerId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'payer_id' }) payer?: Organisation;
  @Column('uuid') payeeId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'payee_id' }) payee?: Organisation;
  @Column('date') month: string;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) amountCents: number;
  @Column({ type: 'text', default: 'declared' }) status: PaymentStatus;
  @Column({ type: 'text', nullable: true }) disputeReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) declaredAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}
