import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { REPORT_STATUSES } from '../report.entity';
import type { ReportStatus } from '../report.entity';

export class ListReportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['department', 'region'] }) @IsOptional() @IsIn(['department', 'region'])
  scopeKind?: 'department' | 'region';
  @ApiPropertyOptional({ example: '93' }) @IsOptional() @IsString()
  scopeCode?: string;
  @ApiPropertyOptional({ enum: REPORT_STATUSES }) @IsOptional() @IsIn(REPORT_STATUSES)
  status?: ReportStatus;
}
