import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Assignment } from '../../assignments/assignment.entity';
import type { Modality, Outcome } from '../../assignments/assignment.entity';
import type { Sex } from '../../beneficiaries/beneficiary.entity';
import { Contract } from '../../contracts/contract.entity';
import { bigintAsNumber } from '../../database/transformers';

/**
 * Hours of a contract in a month, pre-summed (hundredths): validated and declared statements. Kept
 * by database triggers on every write of a statement, in the writer's transaction, by adding the
 * statement's own change (commutative, so concurrent writers never lose one another's): the
 * compliance figures sum months instead of statements, so their cost follows the number of contracts,
 * not of statements. The validated hours of non-eligible assignments are also summed apart, moved
 * when criteria change an assignment's flag. aggregates.e2e-spec checks these rows equal the raw statements.
 * The primary key INCLUDEs the three sums, so a contract's months are read index-only (migration
 * CoveringMonthTotals; TypeORM cannot declare INCLUDE and does not compare it).
 */
@Entity('contract_month_totals')
export class ContractMonthTotal {
  @PrimaryColumn('uuid') contractId: string;
  @ManyToOne(() => Contract, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'FK_contract_month_totals_contract' }) contract?: Contract;
  @PrimaryColumn('date') month: string;
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) validatedX100: number;
  /** Pending (DOMAIN rule 3): declared hours, a correction by its difference with the statement it supersedes (migration PendingCorrections). */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) declaredX100: number;
  /** The part of validatedX100 from non-eligible assignments; moved when an assignment's flag changes (migration EligibilityAggregates). */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) notEligibleX100: number;
}

/**
 * What was declared for a contract's month besides the hours statements, pre-summed: the holder's total
 * hours and invoiced amount, and what SMEs executed, confirmed and declared, in cents (DOMAIN rule 10,
 * each euro once, by the companies' sizes now: migration SmeShareOnce). Kept by database triggers on
 * contract_monthly_hours, contract_invoiced_amounts, payments, a change of a company's size and of a
 * contract's holder (migration ContractMonthActivity says why it is not part of ContractMonthTotal);
 * the compliance figures read it with one probe per contract. Its primary key INCLUDEs the four sums
 * (index-only reads). aggregates.e2e-spec checks these rows equal the raw ones.
 */
@Entity('contract_month_activity')
export class ContractMonthActivity {
  @PrimaryColumn('uuid') contractId: string;
  @ManyToOne(() => Contract, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'FK_contract_month_activity_contract' }) contract?: Contract;
  @PrimaryColumn('date') month: string;
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) contractHoursX100: number;
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) invoicedCents: number;
  /** Executed by SMEs: payments to an SME from a payer that is not one; an SME holder's invoices less its payments to non-SMEs. */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) smeConfirmedCents: number;
  /** The same from payments declared and not yet confirmed (negative when an SME holder declared paying a non-SME). */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber }) smeDeclaredCents: number;
}

/**
 * The first month an assignment has validated hours: one row per assignment the figures count.
 * Validated months only ever grow (a correction replaces a month by the same month), so the triggers
 * keep the minimum exactly. The people of a contract or a scope at a date are the distinct persons of
 * eligible assignments whose first month falls on or before it (DOMAIN rule 6).
 */
@Entity('assignment_first_months')
// The people of contracts and scopes, and the reports' counted assignments with their profile, read
// index-only: (contract_id, first_month, person_key) INCLUDE (assignment_id and the profile) WHERE
// eligible, defined by migration AssignmentProfiles (TypeORM cannot state INCLUDE, so it leaves it be).
@Index('assignment_first_months_people', { synchronize: false })
export class AssignmentFirstMonth {
  @PrimaryColumn('uuid') assignmentId: string;
  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'FK_assignment_first_months_assignment' }) assignment?: Assignment;
  @Column('uuid') contractId: string;
  @Column({ type: 'char', length: 64 }) personKey: string;
  @Column('date') firstMonth: string;
  /** A copy of assignments.eligible, kept by the triggers: the people counts need no join to the assignment. */
  @Column('boolean') eligible: boolean;
  // The assignment's profile, what the report breakdowns count it by (DOMAIN rule 7), copied by the
  // triggers (migration AssignmentProfiles): a report reads one row per assignment, no person, no criterion.
  @Column('date') startDate: string;
  @Column('text') modality: Modality;
  @Column({ type: 'text', nullable: true }) exitOutcome: Outcome | null;
  @Column('text') sex: Sex;
  @Column('smallint') birthYear: number;
  @Column('boolean') qpvResident: boolean;
  /** The kinds of the person's criteria valid on the start date, sorted (empty when not eligible). */
  @Column({ type: 'text', array: true }) criteria: string[];
}
