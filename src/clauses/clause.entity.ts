import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Contract } from '../contracts/contract.entity';
import { bigintAsNumber, numericAsNumber } from '../database/transformers';

export const CLAUSE_KINDS = ['insertion_hours', 'sme_share', 'reserved'] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];
export const TARGET_MODES = ['fixed', 'formula', 'percent_of_hours', 'per_amount_invoiced'] as const;
export type TargetMode = (typeof TARGET_MODES)[number];
/** L2113-13: reserved to SIAE; L2113-12: reserved to EA/ESAT. */
export const RESERVATIONS = ['siae_L2113_13', 'ea_esat_L2113_12'] as const;
export type Reservation = (typeof RESERVATIONS)[number];

@Entity('clauses')
@Check('clause_kind', `kind IN ('insertion_hours','sme_share','reserved')`)
export class Clause {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') contractId: string;
  @ManyToOne(() => Contract, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'contract_id' }) contract?: Contract;
  @Column('text') kind: ClauseKind;
  @Column({ type: 'text', nullable: true }) label: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/**
 * The target of a clause from a date: the original terms have `effectiveFrom` null, each amendment
 * adds a row. The terms in force at D are the latest row with effectiveFrom <= D (or the original).
 * Rows are never updated, so the history of targets stays readable.
 */
@Entity('clause_terms')
@Index('clause_terms_one_per_date', ['clauseId', 'effectiveFrom'], { unique: true })
@Index('clause_terms_one_original', ['clauseId'], { unique: true, where: 'effective_from IS NULL' })
@Check('clause_terms_mode', `target_mode IS NULL OR target_mode IN ('fixed','formula','percent_of_hours','per_amount_invoiced')`)
@Check('clause_terms_shares', `(labour_share IS NULL OR labour_share BETWEEN 0 AND 1) AND (insertion_rate IS NULL OR insertion_rate BETWEEN 0 AND 1) AND (sme_min_share IS NULL OR sme_min_share BETWEEN 0 AND 1)`)
@Check('clause_terms_positive', `(fixed_hours_x100 IS NULL OR fixed_hours_x100 >= 0) AND (hourly_cost_cents IS NULL OR hourly_cost_cents > 0) AND (cents_per_hour IS NULL OR cents_per_hour > 0) AND (penalty_cents_per_hour IS NULL OR penalty_cents_per_hour >= 0)`)
@Check('clause_terms_reservation', `reservation IS NULL OR reservation IN ('siae_L2113_13','ea_esat_L2113_12')`)
export class ClauseTerms {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') clauseId: string;
  @ManyToOne(() => Clause, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'clause_id' }) clause?: Clause;
  /** Null for the original terms; the amendment's effective date otherwise. */
  @Column({ type: 'date', nullable: true }) effectiveFrom: string | null;
  @Column({ type: 'text', nullable: true }) targetMode: TargetMode | null;
  /** `fixed`: target hours, in hundredths of an hour. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber }) fixedHoursX100: number | null;
  /** `formula`: share of the amount that is labour, 0..1. */
  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true, transformer: numericAsNumber }) labourShare: number | null;
  /** `formula` and `percent_of_hours`: share of hours done in insertion, 0..1. */
  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true, transformer: numericAsNumber }) insertionRate: number | null;
  /** `formula`: loaded hourly cost, cents. */
  @Column({ type: 'integer', nullable: true }) hourlyCostCents: number | null;
  /** `per_amount_invoiced`: one insertion hour per this many cents invoiced. */
  @Column({ type: 'integer', nullable: true }) centsPerHour: number | null;
  @Column({ type: 'integer', nullable: true }) penaltyCentsPerHour: number | null;
  /** `sme_share`: minimum share of the amount executed by SMEs, 0..1. */
  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true, transformer: numericAsNumber }) smeMinShare: number | null;
  @Column({ type: 'text', nullable: true }) reservation: Reservation | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
