import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker, WorkerOptions } from 'bullmq';
import Redis from 'ioredis';
import { systemActor } from '../access/actor';
import { runWithActor } from '../access/request-context';
import { AppConfig } from '../config/app-config';
import { indexHandlers, JOB_HANDLERS, JobHandler } from './job-handler';
import { JobName, REPORTS_QUEUE } from './job-names';
import { WORKER_DEFAULTS } from './job-options';
import { JobQueues } from './job-queues';
import { JobsConfig } from './jobs-config';
import { workerConnection } from './redis-connections';

/** A handler may record a job's final failure (e.g. on the report row) before BullMQ marks it failed. */
export interface FinalFailureAware {
  onFinalFailure(job: Job, error: Error): Promise<void>;
}

export interface RunningWorker {
  worker: Worker;
  /** `force`: stop without waiting for the jobs in progress (they stall and another worker takes them). */
  close(force?: boolean): Promise<void>;
}

/**
 * The consumer side. Constructing it checks that every job name has exactly one handler, so a
 * mis-wired build stops at start-up. Workers start at bootstrap in the API when RUN_WORKER_IN_API
 * allows it, or explicitly (`start()`) in the worker process and in tests.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorkers');
  private readonly handlers: Map<JobName, JobHandler>;
  private readonly running: RunningWorker[] = [];
  private started = false;

  constructor(
    private readonly config: AppConfig,
    private readonly jobsConfig: JobsConfig,
    private readonly queues: JobQueues,
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
  ) {
    this.handlers = indexHandlers(handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.jobsConfig.runWorkersInApi) await this.start();
  }

  /** Starts the reports worker and installs the monthly schedule; idempotent. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.createWorker();
    await this.queues.syncMonthlySchedule();
    this.logger.log(`Workers started on queue "${REPORTS_QUEUE}" (prefix ${this.jobsConfig.queuePrefix})`);
  }

  createWorker(overrides: Partial<WorkerOptions> = {}): RunningWorker {
    const connection: Redis = workerConnection(this.config.REDIS_URL);
    // Jobs act as the service itself: the audit log records them as system:worker.
    const worker = new Worker(REPORTS_QUEUE, (job) => runWithActor(systemActor('worker'), () => this.process(job)), {
      ...WORKER_DEFAULTS,
      ...overrides,
      connection,
      prefix: this.jobsConfig.queuePrefix,
    });
    worker.on('error', (e) => this.logger.error(`Worker error: ${e.message}`));
    const running: RunningWorker = {
      worker,
      close: async (force = false) => {
        const i = this.running.indexOf(running);
        if (i >= 0) this.running.splice(i, 1);
        await worker.close(force);
        await connection.quit().catch(() => connection.disconnect());
      },
    };
    this.running.push(running);
    return running;
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    try {
      return await handler.handle(job);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const aware = handler as Partial<FinalFailureAware>;
      if (final && aware.onFinalFailure) {
        await aware.onFinalFailure(job, error).catch((m: Error) => this.logger.error(`Recording the failure of ${job.id}: ${m.message}`));
      }
      throw error;
    }
  }

  /** Graceful: waits for the jobs in progress, so a deploy does not stall them. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.running].map((r) => r.close()));
  }
}
