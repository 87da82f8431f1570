import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { JobHandler, JobProcessor } from '../jobs/job-handler';
import { JOB_NAMES } from '../jobs/job-names';
import { expireUnconfirmedImports } from '../imports/import-expiry';
import { purgeEndedSessions, purgeIdempotencyKeys } from './purge';

/**
 * Scheduled (HOUSEKEEPING_CRON, hourly by default): deletes what the service keeps only for a while.
 * Without it the idempotency keys grow by one row per keyed write, for ever (25 million statements a
 * year nationally), and the POST's key lookups with them; the sessions by one per sign-in.
 * Deleting twice is harmless, so a retried or overlapping run does no damage.
 */
@Injectable()
@JobProcessor()
export class HousekeepingJob implements JobHandler<'housekeeping.purge'> {
  readonly jobName = JOB_NAMES.housekeeping;
  private readonly logger = new Logger('HousekeepingJob');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<{ idempotencyKeys: number; sessions: number; expiredImports: number }> {
    const idempotencyKeys = await purgeIdempotencyKeys(this.ds, this.config.IDEMPOTENCY_KEY_RETENTION_HOURS);
    const sessions = await purgeEndedSessions(this.ds, this.config.ENDED_SESSION_RETENTION_DAYS);
    const expiredImports = await expireUnconfirmedImports(this.ds, this.config);
    this.logger.log(
      `Deleted ${idempotencyKeys} idempotency key(s) older than ${this.config.IDEMPOTENCY_KEY_RETENTION_HOURS} h, ${sessions} session(s) ended over ${this.config.ENDED_SESSION_RETENTION_DAYS} days ago, ` +
        `the files of ${expiredImports} import(s) not confirmed within ${this.config.IMPORT_RETENTION_DAYS} days`,
    );
    return { idempotencyKeys, sessions, expiredImports };
  }
}
