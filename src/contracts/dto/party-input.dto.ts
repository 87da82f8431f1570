import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { PARTY_ROLES, type PartyRole } from '../contract.entity';

export class PartyInput {
  @ApiProperty({ format: 'uuid', description: 'An organisation of kind company, other than the holder' }) @IsUUID()
  companyId: string;

  @ApiProperty({ enum: PARTY_ROLES }) @IsIn(PARTY_ROLES)
  role: PartyRole;

  @ApiPropertyOptional({ example: 25_000_000, description: 'Subcontracted amount excluding tax, cents' })
  @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  subcontractedAmountCents?: number;

  @IsOptional() @IsIsoDate({ required: false, description: 'Date the subcontractor was declared' })
  declaredOn?: string;
}
