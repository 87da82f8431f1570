import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { JobQueues } from './job-queues';
import { JobWorkers } from './job-workers';
import { JobsConfig } from './jobs-config';
import { RedisAvailability } from './redis-availability';

/**
 * The job system, shared by the modules that enqueue jobs (reports, imports) and by the workers.
 * Handlers live in their own modules, marked @JobProcessor(); the workers collect them at start-up.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [{ provide: JobsConfig, useFactory: (config: AppConfig) => JobsConfig.fromEnv(config), inject: [AppConfig] }, RedisAvailability, JobQueues, JobWorkers],
  exports: [JobsConfig, RedisAvailability, JobQueues, JobWorkers],
})
export class JobsModule {}
