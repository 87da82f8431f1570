import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, UnrecoverableError, Worker, WorkerOptions } from 'bullmq';
import Redis from 'ioredis';
import { systemActor } from '../access/actor';
import { runWithActor } from '../access/request-context';
import { AppConfig } from '../config/app-config';
import { indexHandlers, JOB_PROCESSOR, JobHandler } from './job-handler';
import { JobName, QueueName, QUEUES, REPORTS_QUEUE } from './job-names';
import { WORKER_CONCURRENCY, WORKER_DEFAULTS } from './job-options';
import { JobQueues } from './job-queues';
import { JobsConfig } from './jobs-config';
import { isConnectionError, RedisAvailability } from './redis-availability';
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
 * The consumer side. At start-up it collects the handlers (providers marked @JobProcessor) and checks
 * that every job name has exactly one, so a mis-wired build stops there. Workers start at bootstrap
 * in the API when RUN_WORKER_IN_API allows it, in the worker process, or explicitly (`start()`) in
 * tests; without Redis, as soon as it answers, so the API never waits for Redis to listen.
 */
@Injectable()
export class JobWorkers implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorkers');
  private handlers = new Map<JobName, JobHandler>();
  private readonly running: RunningWorker[] = [];
  private workersCreated = false;
  private started = false;
  private starting?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly jobsConfig: JobsConfig,
    private readonly queues: JobQueues,
    private readonly discovery: DiscoveryService,
    private readonly availability: RedisAvailability,
  ) {}

  onModuleInit(): void {
    const handlers = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(JOB_PROCESSOR, w.metatype))
      .map((w) => w.instance as JobHandler);
    this.handlers = indexHandlers(handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.jobsConfig.runWorkersInApi) await this.startWhenRedisAnswers();
  }

  /**
   * Starts the workers now when Redis answers; otherwise returns at once and starts them as soon as it
   * does (RedisAvailability says once what is missing). Redis gone again while the schedules are
   * written: tried again when it is back.
   */
  async startWhenRedisAnswers(): Promise<void> {
    if ((await this.availability.available()) && (await this.tryStart())) return;
    void (async () => {
      while (!this.started && !this.availability.shuttingDown) {
        await this.availability.whenAvailable();
        if (this.availability.shuttingDown || (await this.tryStart())) return;
        await new Promise((r) => setTimeout(r, 1_000).unref());
      }
    })();
  }

  private async tryStart(): Promise<boolean> {
    await this.start().catch((e: Error) => this.logger.warn(`Starting the workers: ${e.message}; trying again when Redis answers`));
    return this.started;
  }

  /** Starts a worker per queue and installs the schedules; idempotent, and one start at a time. */
  start(): Promise<void> {
    this.starting ??= this.startOnce().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    if (this.started) return;
    if (!this.workersCreated) {
      this.workersCreated = true;
      for (const queue of QUEUES) this.createWorker({}, queue);
    }
    await this.queues.syncSchedules();
    this.started = true;
    this.logger.log(`Workers started on queues ${QUEUES.map((q) => `"${q}"`).join(', ')} (prefix ${this.jobsConfig.queuePrefix})`);
  }

  createWorker(overrides: Partial<WorkerOptions> = {}, queue: QueueName = REPORTS_QUEUE): RunningWorker {
    const connection: Redis = workerConnection(this.config.REDIS_URL);
    // Jobs act as the service itself (system:worker) unless the handler acts for a user (imports).
    const worker = new Worker(queue, (job) => runWithActor(systemActor('worker'), () => this.process(job)), {
      ...WORKER_DEFAULTS,
      concurrency: WORKER_CONCURRENCY[queue] ?? WORKER_DEFAULTS.concurrency,
      ...overrides,
      connection,
      prefix: this.jobsConfig.queuePrefix,
    });
    // An absent Redis is logged once by RedisAvailability, not at every reconnection of every worker.
    worker.on('error', (e) => isConnectionError(e) || this.logger.error(`Worker error: ${e.message}`));
    const running: RunningWorker = {
      worker,
      close: async (force = false) => {
        const i = this.running.indexOf(running);
        if (i >= 0) this.running.splice(i, 1);
        // With Redis away a graceful close waits for it for ever: the jobs in progress stall instead.
        const away = !this.availability.answering;
        await worker.close(force || away);
        if (away) connection.disconnect();
        else await connection.quit().catch(() => connection.disconnect());
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
