import { Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/** Import where a route accepts an Idempotency-Key; the DataSource comes from the global TypeORM module. */
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
