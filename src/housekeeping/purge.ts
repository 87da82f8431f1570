import { DataSource } from 'typeorm';

/** Heap pages read per statement (~80 MB): each range is its own short transaction, however large the backlog. */
const PAGES_PER_RANGE = 10_000;

/**
 * Idempotency keys older than `hours`. Their requests are long answered: a retry after that is a new
 * request (the statement rules still refuse a second statement for the same assignment and month).
 * Returns how many were deleted.
 */
export function purgeIdempotencyKeys(ds: DataSource, hours: number): Promise<number> {
  return deleteByPageRanges(ds, 'idempotency_keys', `created_at < now() - make_interval(hours => $1)`, [hours]);
}

/**
 * Sessions that ended (signed out, revoked, or expired without a refresh) more than `days` ago. They
 * can no longer sign anything in; kept a while for an administrator looking into a sign-in.
 */
export function purgeEndedSessions(ds: DataSource, days: number): Promise<number> {
  return deleteByPageRanges(ds, 'sessions', `LEAST(expires_at, coalesce(revoked_at, 'infinity')) < now() - make_interval(days => $1)`, [days]);
}

/**
 * Deletes the rows of `table` matching `condition`, one range of heap pages at a time (a TID range
 * scan). Neither table has an index on its dates, and one more index on the idempotency keys would be
 * one more write on every hours statement POST; batches of "the first N matching rows" would each read
 * the table again from its start, over the rows the previous ones deleted. The ranges read it once.
 */
async function deleteByPageRanges(ds: DataSource, table: string, condition: string, params: unknown[]): Promise<number> {
  const [{ pages }] = (await ds.query(`SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int AS pages`, [table])) as { pages: number }[];
  let total = 0;
  // A row due now existed when `pages` was read, so it lies below it; rows written meanwhile are young.
  for (let from = 0; from < pages; from += PAGES_PER_RANGE) {
    const range = [...params, `(${from},0)`, `(${from + PAGES_PER_RANGE},0)`];
    const [{ n }] = (await ds.query(
      `WITH gone AS (DELETE FROM ${table} WHERE ctid >= $${params.length + 1}::tid AND ctid < $${params.length + 2}::tid AND ${condition} RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      range,
    )) as { n: number }[];
    total += n;
  }
  return total;
}
