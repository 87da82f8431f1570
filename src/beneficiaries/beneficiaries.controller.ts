import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { Page } from '../common/pagination/page';
import { BeneficiariesService } from './beneficiaries.service';
import { BeneficiaryPage, BeneficiaryView, CriterionView } from './beneficiary.view';
import { CreateBeneficiaryDto } from './dto/create-beneficiary.dto';
import { CriterionInput } from './dto/criterion.dto';
import { ListBeneficiariesQuery } from './dto/list-beneficiaries.query';
import { UpdateBeneficiaryDto } from './dto/update-beneficiary.dto';

@ApiTags('beneficiaries')
@Controller('beneficiaries')
export class BeneficiariesController {
  constructor(private readonly service: BeneficiariesService) {}

  @Post()
  @ApiCreatedResponse({ type: BeneficiaryView })
  @ApiConflictResponse({ type: ErrorBody, description: 'The structure already registered this person' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'registeredById is not a facilitator structure' })
  create(@Body() dto: CreateBeneficiaryDto): Promise<BeneficiaryView> {
    return this.service.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: BeneficiaryPage })
  list(@Query() q: ListBeneficiariesQuery): Promise<Page<BeneficiaryView>> {
    return this.service.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: BeneficiaryView })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<BeneficiaryView> {
    return this.service.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: BeneficiaryView })
  @ApiNotFoundResponse({ type: ErrorBody })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateBeneficiaryDto): Promise<BeneficiaryView> {
    return this.service.update(id, dto);
  }

  @Post(':id/criteria')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CriterionView })
  @ApiNotFoundResponse({ type: ErrorBody })
  addCriterion(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CriterionInput): Promise<CriterionView> {
    return this.service.addCriterion(id, dto);
  }

  @Get(':id/criteria')
  @ApiOkResponse({ type: [CriterionView] })
  @ApiNotFoundResponse({ type: ErrorBody })
  listCriteria(@Param('id', new ParseUUIDPipe()) id: string): Promise<CriterionView[]> {
    return this.service.listCriteria(id);
  }
}
