import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contract, ContractParty } from '../contracts/contract.entity';
import { Payment } from './payment.entity';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { SmePaymentsService } from './sme-payments.service';

@Module({
  imports: [TypeOrmModule.forFeature([Payment, Contract, ContractParty])],
  controllers: [PaymentsController],
  providers: [PaymentsService, SmePaymentsService],
})
export class PaymentsModule {}
