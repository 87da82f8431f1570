import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IsIsoDate } from '../../common/validation/domain-validators';
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

  @ApiPropertyOptional({
    description:
      "Find a person by identity: with firstName and birthDate, exact match (accents and case ignored), among the caller's own " +
      'structure registrations that still hold an identity. Facilitators only: 403 for every other role',
  })
  @IsOptional() @IsString() @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  firstName?: string;

  @IsOptional() @IsIsoDate({ required: false })
  birthDate?: string;
}
