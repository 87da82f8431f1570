import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { ServiceUnavailableError } from '../common/errors/domain-errors';

/** How often an absent Redis is tried again. */
const RETRY_MS = 2_000;
/** Errors that mean "Redis is not there", as opposed to a command that failed. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * An error of the queues' or workers' connections that only says Redis is away: not logged by them,
 * since RedisAvailability logs the outage once (they retry every few hundred milliseconds each).
 */
export const isConnectionError = (e: Error): boolean =>
  CONNECTION_ERRORS.has((e as NodeJS.ErrnoException).code ?? '') || /Connection is closed|Stream isn't writeable/.test(e.message);

/**
 * Whether Redis answers, followed by a connection of its own that tries again every 2 s for ever.
 * The API serves without Redis (everything but reports and imports). This is what lets it start
 * without waiting for Redis, refuse the queue's work at once with a 503 instead of hanging, say once
 * per outage what is missing and what to do, and start the workers as soon as Redis answers.
 */
@Injectable()
export class RedisAvailability implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private probe?: Redis;
  private state: 'unknown' | 'up' | 'down' = 'unknown';
  private closing = false;
  private firstVerdict?: Promise<void>;
  private decided = () => {};
  private waitingForRedis: (() => void)[] = [];
  /** host:port only: a REDIS_URL may hold a password. */
  readonly address: string;

  constructor(private readonly config: AppConfig) {
    const url = new URL(config.REDIS_URL);
    this.address = `${url.hostname}:${url.port || 6379}`;
  }

  /** True when Redis answers; the first call waits for Redis' first answer or refusal. */
  async available(): Promise<boolean> {
    if (!this.firstVerdict) {
      this.firstVerdict = new Promise<void>((resolve) => (this.decided = resolve));
      const probe = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: RETRY_MS, retryStrategy: () => RETRY_MS });
      probe.on('ready', () => this.answered());
      // Any error of its own (refused, timed out, a wrong password) means the queues cannot work.
      probe.on('error', (e: Error) => this.down(e));
      probe.on('close', () => this.down(new Error('Connection is closed')));
      this.probe = probe;
    }
    await this.firstVerdict;
    return this.state === 'up';
  }

  /** 503 `queue_unavailable` unless Redis answers: called before anything of the request is written. */
  async ensureAvailable(): Promise<void> {
    if (await this.available()) return;
    throw new ServiceUnavailableError(
      'queue_unavailable',
      'Reports and imports are unavailable until Redis answers (the job queue); everything else works. Try again in a moment.',
    );
  }

  /** Resolves as soon as Redis answers (at once if it does), or when the process shuts down. */
  async whenAvailable(): Promise<void> {
    if ((await this.available()) || this.closing) return;
    await new Promise<void>((resolve) => this.waitingForRedis.push(resolve));
  }

  /** Redis answered last time it was heard from (no waiting): e.g. whether a shutdown may wait for it. */
  get answering(): boolean {
    return this.state === 'up';
  }

  get shuttingDown(): boolean {
    return this.closing;
  }

  private down(e: Error): void {
    if (this.state !== 'down' && !this.closing) {
      this.state = 'down';
      this.logger.warn(
        `Redis does not answer at ${this.address} (${e.message}). The API serves without it — sign-in, contracts, people, hours ` +
          'statements, compliance figures — but reports and imports answer 503 and no background job runs. Start Redis ' +
          '(`redis-server`, or `docker run -p 6379:6379 redis:7`) or set REDIS_URL: the workers and the schedules start as soon as ' +
          'it answers, without a restart.',
      );
    }
    this.decided();
  }

  private answered(): void {
    if (this.state === 'down') this.logger.log(`Redis answers at ${this.address}: reports and imports are available`);
    this.state = 'up';
    this.decided();
    this.release();
  }

  private release(): void {
    const waiting = this.waitingForRedis;
    this.waitingForRedis = [];
    waiting.forEach((resolve) => resolve());
  }

  onApplicationShutdown(): void {
    this.closing = true;
    this.decided();
    this.release();
    this.probe?.disconnect();
  }
}
