import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Beneficiary } from '../beneficiaries/beneficiary.entity';
import { Contract } from '../contracts/contract.entity';
import { Organisation } from '../organisations/organisation.entity';

export const MODALITIES = [
  'direct_hire_cdi', 'direct_hire_cdd', 'apprenticeship', 'temp_work_etti', 'temp_work_ett',
  'provision_ai', 'provision_geiq', 'siae_subcontracting', 'training',
] as const;
export type Modality = (typeof MODALITIES)[number];
export const OUTCOMES = ['durable_employment', 'transitional_employment', 'positive_exit', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One beneficiary working on one contract for one employer. */
@Entity('assignments')
@Unique('assignment_id_contract', ['id', 'contractId'])
@Check('assignment_modality', `modality IN ('direct_hire_cdi','direct_hire_cdd','apprenticeship','temp_work_etti','temp_work_ett','provision_ai','provision_geiq','siae_subcontracting','training')`)
@Check('assignment_dates', `end_date IS NULL OR end_date >= start_date`)
@Check('assignment_outcomes', `(exit_outcome IS NULL OR exit_outcome IN ('durable_employment','transitional_employment','positive_exit','other')) AND (outcome_after_six_months IS NULL OR outcome_after_six_months IN ('durable_employment','transitional_employment','positive_exit','other'))`)
@Check('assignment_weekly_hours', `planned_weekly_hours_x100 IS NULL OR planned_weekly_hours_x100 BETWEEN 0 AND 4800`)
@Check('assignment_rome', `rome_code IS NULL OR rome_code ~ '^[A-N][0-9]{4}$'`)
export class Assignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') beneficiaryId: string;
  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'beneficiary_id' }) beneficiary?: Beneficiary;
  @Index() @Column('uuid') contractId: string;
  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'contract_id' }) contract?: Contract;
  /** Indexed: a company sees the assignments it employs (access/visibility.sql.ts). */
  @Index() @Column('uuid') employerId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'employer_id' }) employer?: Organisation;
  @Column('text') modality: Modality;
  @Column('date') startDate: string;
  @Column({ type: 'date', nullable: true }) endDate: string | null;
  @Column({ type: 'varchar', length: 5, nullable: true }) romeCode: string | null;
  @Column({ type: 'integer', nullable: true }) plannedWeeklyHoursX100: number | null;
  @Column({ type: 'text', nullable: true }) exitOutcome: Outcome | null;
  @Column({ type: 'text', nullable: true }) outcomeAfterSixMonths: Outcome | null;
  /**
   * DOMAIN rule 5, kept by the database from the criteria (triggers of the Aggregates migration):
   * read by every figure instead of re-testing the criteria per statement. Never written by the service.
   */
  @Column({ type: 'boolean', default: false, insert: false, update: false }) eligible: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
