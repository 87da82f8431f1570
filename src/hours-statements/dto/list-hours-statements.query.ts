import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IsMonth } from '../../common/validation/domain-validators';
import { STATEMENT_STATUSES } from '../hours-statement.entity';
import type { StatementStatus } from '../hours-statement.entity';

export class ListHoursStatementsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  contractId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  assignmentId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  beneficiaryId?: string;

  @ApiPropertyOptional({ enum: STATEMENT_STATUSES }) @IsOptional() @IsIn(STATEMENT_STATUSES)
  status?: StatementStatus;

  @IsOptional() @IsMonth({ required: false, description: 'First month included, YYYY-MM' })
  from?: string;

  @IsOptional() @IsMonth({ required: false, description: 'Last month included, YYYY-MM' })
  to?: string;
}
