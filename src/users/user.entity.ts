import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import type { Role } from '../access/actor';

/**
 * A person who signs in. Belongs to one organisation (an admin to the platform: none) and holds one
 * role. Invited first (an invitation token, hashed), active once they have set a password.
 */
@Entity('users')
@Index('user_email_unique', ['email'], { unique: true })
@Check('user_role', `role IN ('admin','regional_staff','facilitator','buyer','company')`)
@Check('user_admin_has_no_organisation', `(role = 'admin') = (organisation_id IS NULL)`)
@Check('user_email_lowercase', `email = lower(email)`)
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Lowercase: the login is case-insensitive. */
  @Column('text') email: string;
  @Column('text') displayName: string;
  @Column('text') role: Role;
  @Index() @Column({ type: 'uuid', nullable: true }) organisationId: string | null;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Organisation;
  /** Argon2id (PHC string); null until the invitation is accepted. */
  @Column({ type: 'text', nullable: true }) passwordHash: string | null;
  /** SHA-256 of the pending invitation token; null once accepted. */
  @Column({ type: 'char', length: 64, nullable: true }) invitationTokenHash: string | null;
  @Column({ type: 'timestamptz', nullable: true }) invitationExpiresAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) activatedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
