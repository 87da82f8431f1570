import { DataSource } from 'typeorm';

/** Rows deleted per statement: each batch is its own short transaction, so a large backlog never holds locks long. */
const BATCH = 5_000;

/**
 * Idempotency keys older than `hours`. Their requests are long answered: a retry after that is a new
 * request (the statement rules still refuse a second statement for the same assignment and month).
 * Returns how many were deleted.
 */
export function purgeIdempotencyKeys(ds: DataSource, hours: number): Promise<number> {
  return inBatches(ds, `SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT ${BATCH}`, 'idempotency_keys', [hours]);
}

/**
 * Sessions that ended (signed out, revoked, or expired without a refresh) more than `days` ago. They
 * can no longer sign anything in; kept a while for an administrator looking into a sign-in.
 */
export function purgeEndedSessions(ds: DataSource, days: number): Promise<number> {
  return inBatches(
    ds,
    `SELECT ctid FROM sessions WHERE LEAST(expires_at, coalesce(revoked_at, 'infinity')) < now() - make_interval(days => $1) LIMIT ${BATCH}`,
    'sessions',
    [days],
  );
}

/** Deletes the rows `select` finds (their ctid), batch after batch until a batch comes back short. */
async function inBatches(ds: DataSource, select: string, table: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const [{ n }] = (await ds.query(`WITH gone AS (DELETE FROM ${table} WHERE ctid = ANY (ARRAY(${select})) RETURNING 1) SELECT count(*)::int AS n FROM gone`, params)) as { n: number }[];
    total += n;
    if (n < BATCH) return total;
  }
}
