import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Page } from '../../common/pagination/page';
import { STATEMENT_SOURCES, STATEMENT_STATUSES } from '../hours-statement.entity';
import type { StatementSource, StatementStatus } from '../hours-statement.entity';

export class HoursStatementResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ example: 151.67 }) hours: number;
  @ApiProperty({ enum: STATEMENT_SOURCES }) source: StatementSource;
  @ApiProperty({ enum: STATEMENT_STATUSES }) status: StatementStatus;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The validated statement this one corrects' })
  supersedesId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The correction that replaced this one (status superseded)' })
  supersededById: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) declaredAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
}

export class HoursStatementDetailResponse extends HoursStatementResponse {
  @ApiProperty({ type: [HoursStatementResponse], description: 'Every statement of the correction chain, this one included, oldest first' })
  history: HoursStatementResponse[];
}

export class HoursStatementPage extends Page<HoursStatementResponse> {
  @ApiProperty({ type: [HoursStatementResponse] }) declare items: HoursStatementResponse[];
}
