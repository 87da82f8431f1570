import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IsHours, IsMonth } from '../../common/validation/domain-validators';
import { STATEMENT_SOURCES } from '../hours-statement.entity';
import type { StatementSource } from '../hours-statement.entity';

export class CreateHoursStatementDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID()
  assignmentId: string;

  @IsMonth({ description: 'Calendar month worked, YYYY-MM' })
  month: string;

  @IsHours({ description: 'Hours worked in the month, at most 2 decimals' })
  hours: number | string;

  @ApiProperty({ enum: STATEMENT_SOURCES }) @IsIn(STATEMENT_SOURCES)
  source: StatementSource;
}
