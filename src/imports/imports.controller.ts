import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../access/access.decorators';
import { BadInputError } from '../common/errors/domain-errors';
import { ErrorBody } from '../common/errors/error-body';
import { type Locale, msg, RequestLocale } from '../common/messages';
import { PageQuery } from '../common/pagination/page';
import { ConfirmImportDto, ImportPage, ImportRowPage, ImportRowsQuery, ImportView, UploadImportDto } from './dto/import.dto';
import { toImportView } from './import.view';
import { IMPORT_KINDS } from './import.entity';
import { hoursLayout } from './hours/hours-layout';
import { csvTemplate, onboardingTemplate, once, xlsxTemplate } from './import-templates';
import { ImportsService, UploadedFile as StoredFile, XLSX_TYPE as XLSX } from './imports.service';
import { onboardingLayout } from './onboarding/onboarding-layout';

const TEMPLATES = ['hours-statements.csv', 'hours-statements.xlsx', 'onboarding.xlsx'];

/** Bulk imports for facilitators — monthly hours statements, or a department's onboarding set — upload, dry run, confirm. */
@ApiTags('imports')
@Controller('imports')
@Roles('facilitator')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('templates/:name')
  @ApiOperation({ summary: 'The file to fill: hours-statements.csv or .xlsx (header row, examples, notes), or onboarding.xlsx (one sheet per table and a notice)' })
  @ApiParam({ name: 'name', enum: TEMPLATES })
  @ApiProduces('text/csv', XLSX)
  async template(@Param('name') name: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const layout = hoursLayout();
    if (name === 'hours-statements.csv') {
      res.setHeader('Content-Disposition', `attachment; filename="${layout.fileName}.csv"`);
      return new StreamableFile(csvTemplate(layout), { type: 'text/csv; charset=utf-8' });
    }
    if (name === 'hours-statements.xlsx') {
      res.setHeader('Content-Disposition', `attachment; filename="${layout.fileName}.xlsx"`);
      return new StreamableFile(await once(name, () => xlsxTemplate(layout)), { type: XLSX });
    }
    if (name === 'onboarding.xlsx') {
      res.setHeader('Content-Disposition', `attachment; filename="${onboardingLayout().fileName}.xlsx"`);
      return new StreamableFile(await once(name, () => onboardingTemplate(onboardingLayout())), { type: XLSX });
    }
    throw new BadInputError('unknown_template', `No template ${name}`, [{ field: 'name', reason: TEMPLATES.join(' or ') }]).saying(
      msg('import.unknown_template', { name, templates: TEMPLATES }),
    );
  }

  @Post()
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, kind: { type: 'string', enum: [...IMPORT_KINDS] } } } })
  @ApiOperation({ summary: 'Upload a CSV or XLSX file (an onboarding set: XLSX only): a dry run starts (GET the import to follow it), nothing is written until you confirm' })
  @ApiAcceptedResponse({ type: ImportView })
  async upload(@UploadedFile() file: StoredFile | undefined, @Body() dto: UploadImportDto, @RequestLocale() locale: Locale): Promise<ImportView> {
    return toImportView(await this.imports.upload(file, dto.kind), locale);
  }

  @Get()
  @ApiOkResponse({ type: ImportPage })
  async list(@Query() q: PageQuery, @RequestLocale() locale: Locale): Promise<ImportPage> {
    const page = await this.imports.list(q);
    return { ...page, items: page.items.map((i) => toImportView(i, locale)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ImportView })
  @ApiNotFoundResponse({ type: ErrorBody })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @RequestLocale() locale: Locale): Promise<ImportView> {
    return toImportView(await this.imports.get(id), locale);
  }

  @Get(':id/rows')
  @ApiOperation({ summary: 'What the import does with each row (dry run), or the refused rows once imported: line, column and reason' })
  @ApiOkResponse({ type: ImportRowPage })
  rows(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: ImportRowsQuery, @RequestLocale() locale: Locale) {
    return this.imports.rows(id, q, locale);
  }

  @Get(':id/refused-rows')
  @ApiOperation({
    summary: 'The refused rows (the same columns, plus the reason) to correct and upload again: a CSV for an hours file, a workbook with one sheet per table for an onboarding set',
  })
  @ApiProduces('text/csv', XLSX)
  async refused(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response, @RequestLocale() locale: Locale): Promise<StreamableFile> {
    const { imp, stream, type, extension } = await this.imports.refusedRows(id, locale);
    res.setHeader('Content-Disposition', `attachment; filename="lignes-refusees-${imp.fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_')}.${extension}"`);
    return new StreamableFile(stream, { type });
  }

  @Post(':id/confirm')
  @HttpCode(202)
  @ApiOperation({ summary: 'Import the analysed file: every row is checked again and written in one transaction' })
  @ApiAcceptedResponse({ type: ImportView })
  @ApiConflictResponse({ type: ErrorBody, description: 'import_not_ready: not analysed yet, or already imported' })
  async confirm(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ConfirmImportDto, @RequestLocale() locale: Locale): Promise<ImportView> {
    return toImportView(await this.imports.confirm(id, dto), locale);
  }
}
