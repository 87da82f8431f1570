import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { CRITERIA } from '../beneficiary.entity';
import type { Criterion } from '../beneficiary.entity';

export class ListBeneficiariesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  registeredById?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'People with at least one assignment on this contract' }) @IsOptional() @IsUUID()
  contractId?: string;

  @ApiPropertyOptional({ enum: CRITERIA, description: 'People with at least one criterion of this kind' }) @IsOptional() @IsIn(CRITERIA)
  criterion?: Criterion;

  @ApiPropertyOptional({ description: 'Part of the pseudonymous code, e.g. B-3F2A' }) @IsOptional() @IsString() @MaxLength(16)
  q?: string;
}
