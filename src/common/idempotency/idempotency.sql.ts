/**
 * The two writes of an Idempotency-Key, as SQL with the caller's placeholders, so a write on the
 * service's hottest path (the hours statement POST) can fold them into its own queries instead of
 * spending a round trip on each (IdempotencyService uses the same text for every other route).
 */

/** A request's key as stored: the route as the current user, the client's key, the hash of the request. */
export interface IdempotencyKeyRef {
  scope: string;
  key: string;
  hash: string;
}

/**
 * Claims (scope, key) for this transaction: returns a row (`key`) when it now owns the key, none when
 * another transaction committed it first. A concurrent claim of the same key waits on the first one's
 * uncommitted row (unique index) and then returns none. ON CONFLICT DO NOTHING rather than a caught
 * 23505: a unique violation would abort the transaction we are still reading in. With a null key
 * nothing is written.
 */
export function claimKeySql(scope: string, key: string, hash: string): string {
  return `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response_body)
          SELECT ${scope}::text, ${key}::text, ${hash}::text, 0, 'null'::json WHERE ${key}::text IS NOT NULL
          ON CONFLICT (scope, key) DO NOTHING
          RETURNING key`;
}

/** Stores the answer of the claimed key before commit: the write and its answer land together or not at all. */
export function storeAnswerSql(scope: string, key: string, statusCode: string, body: string): string {
  return `UPDATE idempotency_keys SET status_code = ${statusCode}::smallint, response_body = ${body}::json WHERE scope = ${scope}::text AND key = ${key}::text`;
}
