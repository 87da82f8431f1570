import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_PREFIX } from '../../configure-app';
import { Page } from '../../common/pagination/page';
import { Report, REPORT_FORMATS, REPORT_STATUSES, ReportFormat } from '../report.entity';

export class ReportView {
  @ApiProperty() id: string;
  @ApiProperty({ example: { kind: 'department', code: '93' } }) scope: { kind: string; code: string };
  @ApiProperty({ example: { from: '2026-06-01', to: '2026-06-30' } }) period: { from: string; to: string };
  @ApiProperty({ description: '1, then +1 for each report of this scope and period made on changed data' }) version: number;
  @ApiProperty({ description: 'Identifies the state of the data the figures come from' }) dataWatermark: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiPropertyOptional({ nullable: true }) error: string | null;
  @ApiProperty({ description: 'Download links by format, once completed', example: { pdf: '/api/v1/reports/…/files/pdf' } })
  files: Partial<Record<ReportFormat, string>>;
  @ApiProperty() requestedAt: string;
  @ApiPropertyOptional({ nullable: true }) completedAt: string | null;

  static of(r: Report): ReportView {
    const files: Partial<Record<ReportFormat, string>> = {};
    if (r.status === 'completed') for (const f of REPORT_FORMATS) if (r.files[f]) files[f] = `/${API_PREFIX}/v1/reports/${r.id}/files/${f}`;
    return Object.assign(new ReportView(), {
      id: r.id, scope: { kind: r.scopeKind, code: r.scopeCode }, period: { from: r.periodFrom, to: r.periodTo },
      version: r.version, dataWatermark: r.dataWatermark, status: r.status, progress: r.progress, error: r.error, files,
      requestedAt: r.requestedAt.toISOString(), completedAt: r.completedAt?.toISOString() ?? null,
    });
  }
}

export class ReportPage extends Page<ReportView> {
  @ApiProperty({ type: [ReportView] }) declare items: ReportView[];
}
