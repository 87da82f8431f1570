import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../access/access.decorators';
import { ErrorBody } from '../common/errors/error-body';
import { Page } from '../common/pagination/page';
import { BeneficiariesService } from './beneficiaries.service';
import { BeneficiaryPage, BeneficiaryView, CriterionView } from './beneficiary.view';
import { CreateBeneficiaryDto } from './dto/create-beneficiary.dto';
import { CriterionInput } from './dto/criterion.dto';
import { ListBeneficiariesQuery } from './dto/list-beneficiaries.query';
import { UpdateBeneficiaryDto } from './dto/update-beneficiary.dto';
import { PersonalDataExportService } from './personal-data-export.service';

/** Buyers see counts only, and admins no person at all: neither reaches these routes. */
const READERS = ['facilitator', 'regional_staff', 'company'] as const;

@ApiTags('beneficiaries')
@Controller('beneficiaries')
export class BeneficiariesController {
  constructor(
    private readonly service: BeneficiariesService,
    private readonly exports: PersonalDataExportService,
  ) {}

  @Post()
  @Roles('facilitator')
  @ApiCreatedResponse({ type: BeneficiaryView })
  @ApiConflictResponse({ type: ErrorBody, description: 'The structure already registered this person' })
  create(@Body() dto: CreateBeneficiaryDto): Promise<BeneficiaryView> {
    return this.service.create(dto);
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: BeneficiaryPage })
  @ApiForbiddenResponse({ type: ErrorBody, description: 'lastName, firstName or birthDate given by anyone but a facilitator' })
  list(@Query() q: ListBeneficiariesQuery): Promise<Page<BeneficiaryView>> {
    return this.service.list(q);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: BeneficiaryView })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<BeneficiaryView> {
    return this.service.get(id);
  }

  @Patch(':id')
  @Roles('facilitator')
  @ApiOkResponse({ type: BeneficiaryView })
  @ApiNotFoundResponse({ type: ErrorBody })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateBeneficiaryDto): Promise<BeneficiaryView> {
    return this.service.update(id, dto);
  }

  @Post(':id/criteria')
  @Roles('facilitator')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CriterionView })
  @ApiNotFoundResponse({ type: ErrorBody })
  addCriterion(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CriterionInput): Promise<CriterionView> {
    return this.service.addCriterion(id, dto);
  }

  @Get(':id/criteria')
  @Roles(...READERS)
  @ApiOkResponse({ type: [CriterionView] })
  @ApiNotFoundResponse({ type: ErrorBody })
  listCriteria(@Param('id', new ParseUUIDPipe()) id: string): Promise<CriterionView[]> {
    return this.service.listCriteria(id);
  }

  @Post(':id/erasure')
  @Roles('facilitator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Right to be forgotten: erase the identity; hours and figures stay, anonymous' })
  @ApiOkResponse({ type: BeneficiaryView })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiUnprocessableEntityResponse({ type: ErrorBody })
  erase(@Param('id', new ParseUUIDPipe()) id: string): Promise<BeneficiaryView> {
    return this.service.erase(id);
  }

  @Get(':id/personal-data')
  @Roles('facilitator')
  @ApiOperation({ summary: 'Right of access: everything held on this person, as a JSON file' })
  @ApiOkResponse({ description: 'The registration, assignments, hours statements and audit entries' })
  @ApiNotFoundResponse({ type: ErrorBody })
  async personalData(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response) {
    const data = await this.exports.export(id);
    res.setHeader('Content-Disposition', `attachment; filename="donnees-personnelles-${data.beneficiary.code}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    return data;
  }
}
