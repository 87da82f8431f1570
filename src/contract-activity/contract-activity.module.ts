import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contract } from '../contracts/contract.entity';
import { ContractInvoicedAmount, ContractMonthlyHours } from './contract-activity.entity';
import { ContractActivityController } from './contract-activity.controller';
import { ContractActivityService } from './contract-activity.service';

@Module({
  imports: [TypeOrmModule.forFeature([ContractMonthlyHours, ContractInvoicedAmount, Contract])],
  controllers: [ContractActivityController],
  providers: [ContractActivityService],
})
export class ContractActivityModule {}
