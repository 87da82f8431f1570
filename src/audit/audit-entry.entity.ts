import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One write to one row, recorded by a database trigger in the same transaction as the write (see
 * the AccountsAndAudit migration): who (the actor the transaction was signed with), when, which
 * entity, and the row before and after — without the encrypted identity of a beneficiary. Append-only:
 * the database refuses to update or delete it, and the API has no route that would.
 */
@Entity('audit_log')
@Index('audit_entity', ['entity', 'entityId'])
@Index('audit_at', ['at'])
export class AuditEntry {
  /** bigint, read as a string by pg: ids stay far below 2^53, so it is turned into a number on the way out. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) at: Date;
  /** The user, or null for the service itself (`actorLabel` then says what: demo-data, worker...). */
  @Column({ type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ type: 'text', nullable: true }) actorRole: string | null;
  @Column({ type: 'uuid', nullable: true }) actorOrganisationId: string | null;
  @Column('text') actorLabel: string;
  /** insert, update or delete. */
  @Column('text') action: string;
  /** The table written, e.g. hours_statements. */
  @Column('text') entity: string;
  @Column('text') entityId: string;
  @Column({ type: 'jsonb', nullable: true }) before: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after: Record<string, unknown> | null;
  /** For an update, the columns that changed (a change to a hidden secret shows here only). */
  @Column({ type: 'text', array: true, nullable: true }) changedColumns: string[] | null;
  /** Departments the row concerns, so regional staff read the entries of their region only. */
  @Column({ type: 'text', array: true, default: () => `'{}'` }) scopeDepartments: string[];
}
