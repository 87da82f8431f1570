import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../access/access.decorators';
import { ListReportsQuery } from './dto/list-reports.query';
import { RequestReportDto } from './dto/request-report.dto';
import { ReportPage, ReportView } from './dto/report.view';
import { ReportFormat } from './report.entity';
import { ReportsService } from './reports.service';

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

@ApiTags('reports')
@Controller('reports')
@Roles('regional_staff', 'facilitator')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @ApiAcceptedResponse({ type: ReportView, description: 'Queued: poll GET /reports/{id}' })
  @ApiOkResponse({ type: ReportView, description: 'The same scope and period on unchanged data already has this report' })
  async request(@Body() dto: RequestReportDto, @Res({ passthrough: true }) res: Response): Promise<ReportView> {
    const { report, created } = await this.reports.request(dto.scope, dto.period);
    res.status(created ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return ReportView.of(report);
  }

  @Get()
  @ApiOkResponse({ type: ReportPage })
  async list(@Query() q: ListReportsQuery): Promise<ReportPage> {
    const page = await this.reports.list(q);
    return { ...page, items: page.items.map((r) => ReportView.of(r)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ReportView })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ReportView> {
    return ReportView.of(await this.reports.get(id));
  }

  @Get(':id/files/:format')
  @ApiProduces(...Object.values(CONTENT_TYPES))
  async file(@Param('id', new ParseUUIDPipe()) id: string, @Param('format') format: string, @Res() res: Response): Promise<void> {
    const { report, format: f, stream } = await this.reports.file(id, format);
    const name = `rapport-${report.scopeKind === 'department' ? 'departement' : 'region'}-${report.scopeCode}-${report.periodFrom}-${report.periodTo}-v${report.version}.${f}`;
    res.setHeader('Content-Type', CONTENT_TYPES[f]);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}
