import { Controller, Get, OnModuleDestroy, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from '../access/access.decorators';
import { AppConfig } from '../config/app-config';

/** 200 only when PostgreSQL and Redis both answer; 503 otherwise (load balancers read it). */
@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    config: AppConfig,
  ) {
    // Fail fast: a health probe must not queue commands while Redis is away.
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 1000, retryStrategy: () => null });
    this.redis.on('error', () => undefined);
  }

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 1500 }), () => this.redisCheck()]);
  }

  private async redisCheck() {
    const indicator = this.indicators.check('redis');
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      await this.redis.ping();
      return indicator.up();
    } catch (e) {
      return indicator.down({ message: e instanceof Error ? e.message : 'unreachable' });
    }
  }

  async onModuleDestroy() {
    // A client that gave up on an unreachable Redis has ended already: disconnecting it again makes
    // ioredis wait for its dead socket to close, a 2-second timer that kept the process alive after
    // shutdown (Jest: "did not exit one second after the test run").
    if (this.redis.status !== 'end') this.redis.disconnect();
  }
}
