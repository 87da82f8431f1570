import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { FlowProducer, Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { IMPORTS_QUEUE, ImportJobData, JOB_NAMES, jobIds, RegionDepartmentJobData, REPORTS_QUEUE, ReportJobData } from './job-names';
import { JobsConfig } from './jobs-config';
import { isConnectionError, RedisAvailability } from './redis-availability';
import { producerConnection, withTimeout } from './redis-connections';

const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * The producer side: adds jobs and flows. The Redis connection is opened on first use, so a process
 * that never enqueues (most tests, a read-only API) holds none. Without Redis every enqueue fails at
 * once with a 503 `queue_unavailable` (RedisAvailability); callers check first, before writing.
 */
@Injectable()
export class JobQueues implements OnApplicationShutdown {
  private connection?: Redis;
  private queue?: Queue;
  private imports?: Queue;
  private flows?: FlowProducer;

  private readonly logger = new Logger('JobQueues');

  constructor(
    private readonly config: AppConfig,
    readonly jobsConfig: JobsConfig,
    private readonly availability: RedisAvailability,
  ) {}

  /** 503 `queue_unavailable` unless Redis answers: call it before writing what the job will work on. */
  ensureAvailable(): Promise<void> {
    return this.availability.ensureAvailable();
  }

  private open(): { queue: Queue; imports: Queue; flows: FlowProducer } {
    if (!this.queue || !this.imports || !this.flows) {
      this.connection = producerConnection(this.config.REDIS_URL);
      const opts = { connection: this.connection, prefix: this.jobsConfig.queuePrefix };
      this.queue = new Queue(REPORTS_QUEUE, { ...opts, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      this.imports = new Queue(IMPORTS_QUEUE, { ...opts, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      this.flows = new FlowProducer(opts);
      // Without a listener BullMQ prints every failed reconnection; an absent Redis is logged once, by RedisAvailability.
      const onError = (e: Error) => isConnectionError(e) || this.logger.error(`Job queue: ${e.message}`);
      this.queue.on('error', onError);
      this.imports.on('error', onError);
      this.flows.on('error', onError);
    }
    return { queue: this.queue, imports: this.imports, flows: this.flows };
  }

  get reportsQueue(): Queue {
    return this.open().queue;
  }

  get importsQueue(): Queue {
    return this.open().imports;
  }

  /** An import's dry run or its application; one of each per import (deterministic ids). */
  async enqueueImport(step: 'analyse' | 'apply', data: ImportJobData): Promise<void> {
    await this.ensureAvailable();
    const { imports } = this.open();
    const [name, jobId] = step === 'analyse' ? [JOB_NAMES.importAnalyse, jobIds.importAnalyse(data.importId)] : [JOB_NAMES.importApply, jobIds.importApply(data.importId, data.run)];
    await withTimeout(imports.add(name, data, { jobId }), ENQUEUE_TIMEOUT_MS, 'enqueue import');
  }

  async enqueueDepartmentReport(data: ReportJobData, run: number): Promise<void> {
    await this.ensureAvailable();
    const { queue } = this.open();
    await withTimeout(queue.add(JOB_NAMES.departmentReport, data, { jobId: jobIds.report(data.reportId, run) }), ENQUEUE_TIMEOUT_MS, 'enqueue report');
  }

  /**
   * One flow: a child per department computes its figures, the parent consolidates them. A child that
   * fails for good fails the parent (failParentOnFailure) instead of leaving it waiting forever.
   */
  async enqueueRegionReport(data: ReportJobData, run: number, departmentCodes: readonly string[]): Promise<void> {
    await this.ensureAvailable();
    const { flows } = this.open();
    const children = departmentCodes.map((departmentCode) => ({
      name: JOB_NAMES.regionDepartmentFigures,
      queueName: REPORTS_QUEUE,
      data: { ...data, departmentCode } satisfies RegionDepartmentJobData,
      opts: { ...DEFAULT_JOB_OPTIONS, jobId: jobIds.regionDepartment(data.reportId, run, departmentCode), failParentOnFailure: true },
    }));
    const flow = flows.add({
      name: JOB_NAMES.regionReport,
      queueName: REPORTS_QUEUE,
      data,
      opts: { ...DEFAULT_JOB_OPTIONS, jobId: jobIds.report(data.reportId, run) },
      children,
    });
    await withTimeout(flow, ENQUEUE_TIMEOUT_MS, 'enqueue regional report');
  }

  /**
   * Creates or updates the job schedulers (BullMQ 6 has no repeatable jobs): last month's reports and
   * the housekeeping; removes a scheduler whose cron is off.
   */
  async syncSchedules(): Promise<void> {
    const { queue } = this.open();
    const schedules = [
      { id: jobIds.monthlyScheduler, cron: this.jobsConfig.reportScheduleCron, name: JOB_NAMES.monthlyReports, opts: {} },
      // A day of hourly runs is kept: the queue's own 1,000 finished jobs are for the reports on the job board.
      { id: jobIds.housekeepingScheduler, cron: this.jobsConfig.housekeepingCron, name: JOB_NAMES.housekeeping, opts: { removeOnComplete: { count: 24 } } },
    ];
    for (const { id, cron, name, opts } of schedules) {
      if (cron) await queue.upsertJobScheduler(id, { pattern: cron, tz: 'UTC' }, { name, data: {}, opts });
      else await queue.removeJobScheduler(id);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // With Redis away, a graceful close would wait for it for ever: the process could not stop.
    if (!this.availability.answering) {
      this.connection?.disconnect();
      return;
    }
    await this.flows?.close();
    await this.queue?.close();
    await this.imports?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
