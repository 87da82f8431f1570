import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { auditIdentity, Role } from '../access/actor';
import { currentActor } from '../access/request-context';
import { TooManyRequestsError, UnauthenticatedError } from '../common/errors/domain-errors';
import { hashPassword, verifyPassword } from './passwords';
import { sameHash, sha256, tokenId } from './secrets';
import { IssuedTokens, SessionsService } from './sessions.service';
import { signatureSql } from '../database/transaction';

/** After this many failures in a row an email is locked, 1 minute, then doubling up to an hour. */
const FAILURES_BEFORE_LOCK = 5;
const MAX_LOCK_MINUTES = 60;

export interface SignedIn extends IssuedTokens {
  user: { id: string; email: string; displayName: string; role: Role; organisationId: string | null };
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  organisation_id: string | null;
  password_hash: string | null;
  disabled_at: Date | null;
}

const USER_COLUMNS = `id, email, display_name, role, organisation_id, password_hash, disabled_at`;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  /** Email and password → tokens. */
  async login(email: string, password: string): Promise<SignedIn> {
    const user = await this.verifyCredentials(email, password);
    return this.ds.transaction(async (m) => ({ ...(await this.sessions.open(m, user.id)), user }));
  }

  /**
   * The user behind an email and password, or 401. A wrong email and a wrong password get the same answer and take as long; repeated
   * failures lock the email for a while (429 with Retry-After).
   */
  private async verifyCredentials(email: string, password: string): Promise<SignedIn['user']> {
    const login = email.trim().toLowerCase();
    const [lock] = (await this.ds.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_failures WHERE email = $1 AND locked_until > now()`,
      [login],
    )) as { seconds: number }[];
    if (lock) {
      throw new TooManyRequestsError('login_locked', `Too many failed sign-ins for this email: try again in ${lock.seconds} s`, lock.seconds);
    }
    const [user] = (await this.ds.query(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [login])) as UserRow[];
    const passwordOk = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !passwordOk || user.disabled_at) {
      await this.recordFailure(login);
      throw new UnauthenticatedError('Wrong email or password');
    }
    await this.ds.query(`DELETE FROM login_failures WHERE email = $1`, [login]);
    return summary(user);
  }

  /** The invited user sets a password; the invitation is used up and they are signed in. */
  async acceptInvitation(token: string, password: string): Promise<SignedIn> {
    const userId = tokenId(token);
    const invalid = new UnauthenticatedError('This invitation is invalid, used or expired: ask an administrator for a new one');
    if (!userId) throw invalid;
    const passwordHash = await hashPassword(password);
    return this.ds.transaction(async (m) => {
      const [user] = (await m.query(
        `SELECT ${USER_COLUMNS}, invitation_token_hash FROM users
          WHERE id = $1 AND invitation_expires_at > now() AND disabled_at IS NULL FOR UPDATE`,
        [userId],
      )) as (UserRow & { invitation_token_hash: string | null })[];
      if (!user || !sameHash(user.invitation_token_hash, sha256(token))) throw invalid;
      // The user writes their own row: the audit log records them as its author.
      await m.query(`SELECT ${signatureSql('$1')}`, [
        auditIdentity({ kind: 'user', userId: user.id, sessionId: '', email: user.email, role: user.role, organisationId: user.organisation_id, departmentCodes: [], regionCode: null }),
      ]);
      await m.query(
        `UPDATE users SET password_hash = $2, invitation_token_hash = NULL, invitation_expires_at = NULL, activated_at = coalesce(activated_at, now()) WHERE id = $1`,
        [user.id, passwordHash],
      );
      await this.sessions.revokeAll(m, user.id);
      await m.query(`DELETE FROM login_failures WHERE email = $1`, [user.email]);
      return { ...(await this.sessions.open(m, user.id)), user: summary(user) };
    });
  }

  /** The signed-in user, with what their organisation covers. */
  async me(): Promise<SignedIn['user'] & { organisationName: string | null; departmentCodes: string[]; regionCode: string | null }> {
    const actor = currentActor();
    if (actor.kind !== 'user') throw new UnauthenticatedError();
    const [row] = (await this.ds.query(
      `SELECT u.display_name, o.name AS organisation_name FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`,
      [actor.userId],
    )) as { display_name: string; organisation_name: string | null }[];
    return {
      id: actor.userId, email: actor.email, displayName: row.display_name, role: actor.role, organisationId: actor.organisationId,
      organisationName: row.organisation_name, departmentCodes: actor.departmentCodes, regionCode: actor.regionCode,
    };
  }

  private async recordFailure(email: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO login_failures (email, failures, locked_until, last_failure_at) VALUES ($1, 1, NULL, now())
       ON CONFLICT (email) DO UPDATE SET
         failures = login_failures.failures + 1,
         last_failure_at = now(),
         locked_until = CASE WHEN login_failures.failures + 1 >= $2
           THEN now() + make_interval(mins => LEAST($3, power(2, login_failures.failures + 1 - $2))::int) END`,
      [email, FAILURES_BEFORE_LOCK, MAX_LOCK_MINUTES],
    );
  }
}

function summary(u: UserRow): SignedIn['user'] {
  return { id: u.id, email: u.email, displayName: u.display_name, role: u.role, organisationId: u.organisation_id };
}
