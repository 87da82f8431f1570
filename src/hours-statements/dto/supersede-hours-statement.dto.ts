import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsHours } from '../../common/validation/domain-validators';
import { STATEMENT_SOURCES } from '../hours-statement.entity';
import type { StatementSource } from '../hours-statement.entity';

export class SupersedeHoursStatementDto {
  @IsHours({ description: 'Corrected hours for the month, replacing those of the validated statement once validated' })
  hours: number | string;

  @ApiProperty({ enum: STATEMENT_SOURCES }) @IsIn(STATEMENT_SOURCES)
  source: StatementSource;

  @ApiPropertyOptional({ description: 'Why the statement is corrected. Not stored yet: the schema has no column for it (the audit log will keep it).' })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}
