import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RuleViolationError } from '../errors/domain-errors';
import { inTransaction } from '../../database/transaction';
import { requestHash } from './canonical-json';
import { currentActor } from '../../access/request-context';
import { preparedQuery } from '../../database/prepared';

export interface IdempotentRequest {
  /** Route the key applies to, e.g. 'POST /hours-statements'. */
  scope: string;
  /** The client's Idempotency-Key header; without one the work simply runs. */
  key?: string;
  /** What identifies the request (body, plus route params where they matter); hashed. */
  payload: unknown;
}

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  /** True when the answer is the stored one of an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Runs a write at most once per (scope, key). The key row is claimed at the start of the write's own
 * transaction and filled in with the answer before commit, so the answer and the write are stored
 * together or not at all (a failed request leaves no key behind and can be retried as is).
 *
 * Two concurrent requests with one key: the second one's INSERT waits on the first one's
 * uncommitted row (unique index), then finds it committed and replays it. ON CONFLICT DO NOTHING is
 * used rather than catching 23505 because a unique violation would abort the transaction we are
 * still reading in; a 23505 can therefore only come from elsewhere and is left to the caller.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly ds: DataSource) {}

  async execute<T>(request: IdempotentRequest, statusCode: number, work: (m: EntityManager) => Promise<T>): Promise<IdempotentResult<T>> {
    // Keys are the client's: two users choosing the same one must never see each other's answer.
    const actor = currentActor();
    const req = { ...request, scope: `${request.scope} as ${actor.kind === 'user' ? actor.userId : `system:${actor.label}`}` };
    return inTransaction(this.ds, async (m) => {
      const hash = req.key === undefined ? null : requestHash(req.payload);
      if (req.key !== undefined && hash !== null && !(await this.claim(m, req.scope, req.key, hash))) {
        return this.replay<T>(m, req.scope, req.key, hash);
      }
      const body = await work(m);
      if (req.key !== undefined) {
        // Stored as the client receives it (dates as ISO strings), so a replay is byte-for-byte the same JSON.
        const json = JSON.stringify(body);
        await preparedQuery(m, `UPDATE idempotency_keys SET status_code = $3, response_body = $4::json WHERE scope = $1 AND key = $2`, [req.scope, req.key, statusCode, json]);
      }
      return { statusCode, body, replayed: false };
    });
  }

  /** True when this transaction now owns the key; false when someone committed it before. */
  private async claim(m: EntityManager, scope: string, key: string, hash: string): Promise<boolean> {
    const rows = await preparedQuery(
      m,
      `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response_body)
       VALUES ($1, $2, $3, 0, 'null'::json)
       ON CONFLICT (scope, key) DO NOTHING
       RETURNING key`,
      [scope, key, hash],
    );
    return rows.length === 1;
  }

  private async replay<T>(m: EntityManager, scope: string, key: string, hash: string): Promise<IdempotentResult<T>> {
    const [row]: { request_hash: string; status_code: number; response_body: T }[] = await m.query(
      `SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (row.request_hash !== hash) {
      throw new RuleViolationError(
        'idempotency_key_reused',
        `The Idempotency-Key ${key} was already used for a different request on ${scope}; use a new key for a new request`,
        [{ field: 'Idempotency-Key', reason: 'already used with a different body' }],
      );
    }
    return { statusCode: row.status_code, body: row.response_body, replayed: true };
  }
}
