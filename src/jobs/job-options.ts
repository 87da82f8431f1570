import { JobsOptions } from 'bullmq';

/** Options every job gets unless it says otherwise. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  // Bound Redis: finished jobs are kept for inspection a while, not forever.
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 5_000 },
};

/** Worker settings: rendering a large PDF can hold the event loop, so locks are generous. */
export const WORKER_DEFAULTS = {
  concurrency: 2,
  lockDuration: 120_000,
  stalledInterval: 30_000,
  maxStalledCount: 1,
};

/** Per queue: an import keeps a database transaction busy, so a worker runs one at a time. */
export const WORKER_CONCURRENCY: Record<string, number> = { reports: 2, imports: 1 };
