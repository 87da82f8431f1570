import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UserActor } from '../access/actor';
import { ACTOR_COLUMNS, ActorRow, toActor } from './actor-row';
import { UnauthenticatedError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { newToken, sameHash, sha256, tokenId } from './secrets';
import { preparedQuery } from '../database/prepared';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token stays valid. */
  expiresIn: number;
}

interface AccessClaims {
  sub: string;
  sid: string;
}


/**
 * Sessions and tokens. The access token is a short-lived JWT naming its session; each request checks
 * the session is open and the user enabled (one indexed query that also loads what the user's
 * organisation covers), so signing out or disabling someone takes effect at once.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Opens a session for a user whose password (or invitation) was just checked. */
  async open(m: EntityManager, userId: string): Promise<IssuedTokens> {
    const [{ id }] = (await m.query(
      `INSERT INTO sessions (user_id, refresh_token_hash, expires_at) VALUES ($1, '', now() + make_interval(days => $2)) RETURNING id`,
      [userId, this.config.SESSION_IDLE_DAYS],
    )) as { id: string }[];
    const refreshToken = newToken(id);
    await m.query(`UPDATE sessions SET refresh_token_hash = $2 WHERE id = $1`, [id, sha256(refreshToken)]);
    return this.issue(userId, id, refreshToken);
  }

  /** The actor behind an access token; 401 when the token is bad, expired, or its session closed. */
  async authenticate(accessToken: string): Promise<UserActor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthenticatedError('The access token is invalid or expired: refresh it or sign in again');
    }
    // Every request runs this: prepared once per connection.
    const [row] = await preparedQuery<ActorRow>(
      this.ds,
      `SELECT ${ACTOR_COLUMNS}
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN organisations o ON o.id = u.organisation_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [claims.sid, claims.sub],
    );
    if (!row) throw new UnauthenticatedError('This session has ended: sign in again');
    return toActor(row, claims.sid);
  }

  /**
   * A new pair of tokens for a refresh token; the old refresh token stops working. Presenting one that
   * was already rotated means someone else holds a copy: the session ends for both.
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const sessionId = tokenId(refreshToken);
    const invalid = new UnauthenticatedError('The refresh token is invalid or expired: sign in again');
    if (!sessionId) throw invalid;
    const hash = sha256(refreshToken);
    const issued = await this.ds.transaction(async (m): Promise<IssuedTokens | null> => {
      const [s] = (await m.query(
        `SELECT s.id, s.user_id, s.refresh_token_hash, s.previous_refresh_token_hash
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL FOR UPDATE OF s`,
        [sessionId],
      )) as { id: string; user_id: string; refresh_token_hash: string; previous_refresh_token_hash: string | null }[];
      if (!s) return null;
      if (!sameHash(s.refresh_token_hash, hash)) {
        // Committed, not thrown from here: throwing would roll the revocation back.
        if (sameHash(s.previous_refresh_token_hash, hash)) await m.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [s.id]);
        return null;
      }
      const next = newToken(s.id);
      await m.query(
        `UPDATE sessions SET previous_refresh_token_hash = refresh_token_hash, refresh_token_hash = $2, expires_at = now() + make_interval(days => $3) WHERE id = $1`,
        [s.id, sha256(next), this.config.SESSION_IDLE_DAYS],
      );
      return this.issue(s.user_id, s.id, next);
    });
    if (!issued) throw invalid;
    return issued;
  }

  /**
   * The actor behind a refresh token, without rotating it: how the job board, a page the browser
   * opens itself, knows who holds the session cookie. Only the current token of an open session of
   * an enabled user counts, so signing out or disabling the account ends access at once.
   */
  async authenticateRefreshToken(refreshToken: string): Promise<UserActor> {
    const sessionId = tokenId(refreshToken);
    const [row] = sessionId
      ? ((await this.ds.query(
          `SELECT ${ACTOR_COLUMNS}, s.refresh_token_hash
             FROM sessions s
             JOIN users u ON u.id = s.user_id
             LEFT JOIN organisations o ON o.id = u.organisation_id
            WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
          [sessionId],
        )) as (ActorRow & { refresh_token_hash: string })[])
      : [];
    if (!row || !sameHash(row.refresh_token_hash, sha256(refreshToken))) throw new UnauthenticatedError('This session has ended: sign in again');
    return toActor(row, sessionId!);
  }

  /** Signing out from a browser: ends the session its refresh token names, if that token is its current one. */
  async revokeByRefreshToken(refreshToken: string): Promise<void> {
    const sessionId = tokenId(refreshToken);
    if (!sessionId) return;
    await this.ds.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND refresh_token_hash = $2 AND revoked_at IS NULL`, [sessionId, sha256(refreshToken)]);
  }

  async revoke(sessionId: string): Promise<void> {
    await this.ds.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  /** Every session of a user (disabled, or password set again). */
  async revokeAll(m: EntityManager, userId: string): Promise<void> {
    await m.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  private async issue(userId: string, sessionId: string, refreshToken: string): Promise<IssuedTokens> {
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: sessionId } satisfies AccessClaims, {
      algorithm: 'HS256', expiresIn: ttl,
    });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ttl };
  }
}
