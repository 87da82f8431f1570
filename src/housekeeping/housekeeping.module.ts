import { Module } from '@nestjs/common';
import { HousekeepingJob } from './housekeeping.job';

/** The scheduled deletion of what is kept only for a while; runs wherever the workers run (API or worker process). */
@Module({ providers: [HousekeepingJob] })
export class HousekeepingModule {}
