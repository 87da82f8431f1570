import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';

// No log of terminus' own at each failed check: a load balancer probes every few seconds, and an
// absent Redis is logged once by RedisAvailability.
@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController] })
export class HealthModule {}
