import { Module } from '@nestjs/common';
import { ComplianceController, ContractComplianceController } from './compliance.controller';
import { ComplianceQueries } from './compliance.queries';
import { ComplianceService } from './compliance.service';

@Module({
  controllers: [ContractComplianceController, ComplianceController],
  providers: [ComplianceQueries, ComplianceService],
  exports: [ComplianceService, ComplianceQueries],
})
export class ComplianceModule {}
