import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity';
import { Contract } from '../contracts/contract.entity';

export const STATEMENT_SOURCES = ['company_statement', 'intermediary_statement', 'payslip'] as const;
export type StatementSource = (typeof STATEMENT_SOURCES)[number];
export const STATEMENT_STATUSES = ['declared', 'validated', 'rejected', 'superseded'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/**
 * Hours worked by one assignment in one calendar month. Never edited in place: a correction is a
 * new row pointing at the one it supersedes; when the correction is validated the old row turns
 * `superseded`. The two partial unique indexes are what guarantees hours are never counted twice:
 * at most one validated and at most one pending statement per assignment and month.
 */
@Entity('hours_statements')
@Index('statement_one_validated', ['assignmentId', 'month'], { unique: true, where: `status = 'validated'` })
@Index('statement_one_pending', ['assignmentId', 'month'], { unique: true, where: `status = 'declared'` })
@Index('statement_contract_month', ['contractId', 'month'])
// Every statement of an assignment-month whatever its status: the write path's lookups (live statements,
// the person's month for the cap) ask for declared-or-validated, which neither partial index above
// serves; without it PostgreSQL walked statement_contract_month for the whole month of the contract.
@Index('statement_assignment_month', ['assignmentId', 'month'])
@Check('statement_status', `status IN ('declared','validated','rejected','superseded')`)
@Check('statement_source', `source IN ('company_statement','intermediary_statement','payslip')`)
@Check('statement_hours', `hours_x100 >= 0`)
@Check('statement_month_first_day', `extract(day from month) = 1`)
@Check('statement_rejection_reason', `status <> 'rejected' OR length(trim(rejection_reason)) > 0`)
export class HoursStatement {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') assignmentId: string;
  /** Copied from the assignment (enforced by the composite foreign key) so contract sums need no join. */
  @Column('uuid') contractId: string;
  @ManyToOne(() => Assignment, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'assignment_id', referencedColumnName: 'id' },
    { name: 'contract_id', referencedColumnName: 'contractId' },
  ])
  assignment?: Assignment;
  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'contract_id' }) contract?: Contract;
  /** First day of the calendar month. */
  @Column('date') month: string;
  /** Hundredths of an hour: exact sums, no floats. */
  @Column('integer') hoursX100: number;
  @Column('text') source: StatementSource;
  @Column({ type: 'text', default: 'declared' }) status: StatementStatus;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  @Index() @Column({ type: 'uuid', nullable: true }) supersedesId: string | null;
  @ManyToOne(() => HoursStatement, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'supersedes_id' }) supersedes?: HoursStatement;
  @CreateDateColumn({ type: 'timestamptz' }) declaredAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}
