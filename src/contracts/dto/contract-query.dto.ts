import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IsIsoDate } from '../../common/validation/domain-validators';

export class ContractQuery extends PageQuery {
  @ApiPropertyOptional({ example: '93' }) @IsOptional() @Matches(/^[0-9AB]{2,3}$/, { message: 'must be an INSEE department code' })
  executionDepartmentCode?: string;

  @ApiPropertyOptional({ example: '11', description: 'Contracts executed in a department of this region' })
  @IsOptional() @Matches(/^[0-9]{2,3}$/, { message: 'must be an INSEE region code' })
  regionCode?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  contractingAuthorityId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  holderId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  operationId?: string;

  @IsOptional() @IsIsoDate({ required: false, description: 'Contracts whose start..end includes this date' })
  activeOn?: string;

  @ApiPropertyOptional({ description: 'Reference or title contains (case-insensitive)' }) @IsOptional() @IsString() @MaxLength(200)
  q?: string;
}
