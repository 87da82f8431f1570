import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contract } from '../contracts/contract.entity';
import { Clause, ClauseTerms } from './clause.entity';
import { ClausesController, ContractClausesController } from './clauses.controller';
import { ClausesService } from './clauses.service';

@Module({
  imports: [TypeOrmModule.forFeature([Clause, ClauseTerms, Contract])],
  controllers: [ContractClausesController, ClausesController],
  providers: [ClausesService],
  exports: [ClausesService],
})
export class ClausesModule {}
