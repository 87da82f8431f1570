import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '../common/idempotency/idempotency.module';
import { HoursStatement } from './hours-statement.entity';
import { HoursStatementsController } from './hours-statements.controller';
import { HoursStatementsRepository } from './hours-statements.repository';
import { HoursStatementsService } from './hours-statements.service';

@Module({
  imports: [TypeOrmModule.forFeature([HoursStatement]), IdempotencyModule],
  controllers: [HoursStatementsController],
  providers: [HoursStatementsService, HoursStatementsRepository],
  exports: [HoursStatementsService],
})
export class HoursStatementsModule {}
