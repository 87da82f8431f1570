import { Controller, Get, OnModuleDestroy, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from '../access/access.decorators';
import { ServiceUnavailableError } from '../common/errors/domain-errors';
import { ErrorBody } from '../common/errors/error-body';
import { AppConfig } from '../config/app-config';
import { RedisAvailability } from '../jobs/redis-availability';

/** What stops working when a dependency does not answer: the 503's message names it. */
const WITHOUT: Record<string, string> = {
  database: 'PostgreSQL does not answer: the API cannot serve',
  redis: 'Redis does not answer: reports and imports are unavailable, the rest of the API works',
};

/**
 * 200 only when PostgreSQL and Redis both answer; 503 otherwise (load balancers read it), in the
 * documented error shape: code `service_unavailable`, a message naming what is down and what that
 * stops, one `details` entry per dependency down, and each dependency's state in `context`.
 */
@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly availability: RedisAvailability,
    config: AppConfig,
  ) {
    // Fail fast: a health probe must not queue commands while Redis is away.
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 1000, retryStrategy: () => null });
    this.redis.on('error', () => undefined);
  }

  @Get()
  @Public()
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer' })
  @ApiServiceUnavailableResponse({ type: ErrorBody, description: 'A dependency does not answer: `details` names it, `context` holds the state of each' })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.db.pingCheck('database', { timeout: 1500 }), () => this.redisCheck()]);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      const { info, error } = e.getResponse() as Pick<HealthCheckResult, 'info' | 'error'>;
      const down = Object.keys(error ?? {});
      throw new ServiceUnavailableError(
        'service_unavailable',
        down.map((name) => WITHOUT[name] ?? `${name} does not answer`).join('; '),
        down.map((name) => ({ field: name, reason: String((error as HealthIndicatorResult)[name].message ?? 'does not answer') })),
        { info, error },
      );
    }
  }

  private async redisCheck() {
    const indicator = this.indicators.check('redis');
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      await this.redis.ping();
      return indicator.up();
    } catch {
      return indicator.down({ message: `no answer at ${this.availability.address}` });
    }
  }

  async onModuleDestroy() {
    // A client that gave up on an unreachable Redis has ended already: disconnecting it again makes
    // ioredis wait for its dead socket to close, a 2-second timer that kept the process alive after
    // shutdown (Jest: "did not exit one second after the test run").
    if (this.redis.status !== 'end') this.redis.disconnect();
  }
}
