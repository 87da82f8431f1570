import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IsIsoDate } from '../../common/validation/domain-validators';

const AT = 'Figures as at this date: every month up to and including its month (default: today, UTC)';

export class AtQuery {
  @IsOptional() @IsIsoDate({ required: false, description: AT })
  at?: string;
}

export class ContractComplianceQuery extends PageQuery {
  @IsOptional() @IsIsoDate({ required: false, description: AT })
  at?: string;

  @ApiPropertyOptional({ example: '93', description: 'Execution department (INSEE code)' })
  @IsOptional() @Matches(/^(\d{2}|2A|2B|\d{3})$/, { message: 'must be an INSEE department code' })
  departmentCode?: string;

  @ApiPropertyOptional({ example: '11', description: 'Region (INSEE code) of the execution department' })
  @IsOptional() @Matches(/^\d{2}$/, { message: 'must be an INSEE region code' })
  regionCode?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  contractingAuthorityId?: string;
}
