import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RuleViolationError } from '../errors/domain-errors';
import { inTransaction } from '../../database/transaction';
import { requestHash } from './canonical-json';
import { actorIdentity, currentActor } from '../../access/request-context';
import { preparedQuery } from '../../database/prepared';
import { claimKeySql, IdempotencyKeyRef, storeAnswerSql } from './idempotency.sql';

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
 * Two concurrent requests with one key: the second one waits for the first, then replays it
 * (idempotency.sql.ts).
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly ds: DataSource) {}

  async execute<T>(request: IdempotentRequest, statusCode: number, work: (m: EntityManager) => Promise<T>): Promise<IdempotentResult<T>> {
    const key = this.keyOf(request);
    return inTransaction(this.ds, actorIdentity(), async (m) => {
      if (key && !(await this.claim(m, key))) return this.replay<T>(m, key);
      const body = await work(m);
      if (key) {
        // Stored as the client receives it (dates as ISO strings), so a replay is byte-for-byte the same JSON.
        await preparedQuery(m, storeAnswerSql('$1', '$2', '$3', '$4'), [key.scope, key.key, statusCode, JSON.stringify(body)]);
      }
      return { statusCode, body, replayed: false };
    });
  }

  /**
   * The key of a request as stored, null without one. Keys are the client's: the scope names the
   * user, so two users choosing the same key never see each other's answer.
   */
  keyOf(request: IdempotentRequest): IdempotencyKeyRef | null {
    if (request.key === undefined) return null;
    const actor = currentActor();
    const who = actor.kind === 'user' ? actor.userId : `system:${actor.label}`;
    return { scope: `${request.scope} as ${who}`, key: request.key, hash: requestHash(request.payload) };
  }

  /** The answer stored for a key another request committed; refused when that request had another body. */
  async replay<T>(m: EntityManager, k: IdempotencyKeyRef): Promise<IdempotentResult<T>> {
    const [row]: { request_hash: string; status_code: number; response_body: T }[] = await m.query(
      `SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [k.scope, k.key],
    );
    if (!row) throw new KeyExpiredMeanwhile(k.key);
    if (row.request_hash !== k.hash) {
      throw new RuleViolationError(
        'idempotency_key_reused',
        `The Idempotency-Key ${k.key} was already used for a different request on ${k.scope}; use a new key for a new request`,
        [{ field: 'Idempotency-Key', reason: 'already used with a different body' }],
      );
    }
    return { statusCode: row.status_code, body: row.response_body, replayed: true };
  }

  /** True when this transaction now owns the key; false when someone committed it before. */
  private async claim(m: EntityManager, k: IdempotencyKeyRef): Promise<boolean> {
    return (await preparedQuery(m, claimKeySql('$1', '$2', '$3'), [k.scope, k.key, k.hash])).length === 1;
  }
}

/**
 * The key's row was deleted by the housekeeping (src/housekeeping) between the claim that met it and
 * the read of its answer, having reached its retention. Its code is PostgreSQL's serialization failure,
 * which inTransaction retries: run again, the request claims the key afresh and is a new request.
 */
export class KeyExpiredMeanwhile extends Error {
  readonly code = '40001';

  constructor(key: string) {
    super(`The Idempotency-Key ${key} expired while its answer was being read`);
  }
}
