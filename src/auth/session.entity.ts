import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One sign-in. Access tokens name their session, and every request checks it is still open, so a
 * logout (or a disabled user) takes effect at once. The refresh token rotates at each use; showing an
 * already-rotated one again means it leaked, and ends the session.
 */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') userId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'user_id' }) user?: User;
  /** SHA-256 of the current refresh token. */
  @Column({ type: 'char', length: 64 }) refreshTokenHash: string;
  /** SHA-256 of the refresh token it replaced: seen again, it was stolen. */
  @Column({ type: 'char', length: 64, nullable: true }) previousRefreshTokenHash: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}

/** Consecutive failed logins per email (known or not, so the answer never tells which emails exist). */
@Entity('login_failures')
export class LoginFailure {
  @PrimaryColumn('text') email: string;
  @Column('integer') failures: number;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column({ type: 'timestamptz' }) lastFailureAt: Date;
}
