import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { BUSINESS_ROLES, CONTRACT_WRITERS } from '../access/role-groups';
import { ErrorBody } from '../common/errors/error-body';
import { ClauseView, ClausesService } from './clauses.service';
import { AmendClauseDto } from './dto/amend-clause.dto';
import { ClauseViewDoc } from './dto/clause.view';
import { CreateClauseDto } from './dto/create-clause.dto';

@ApiTags('clauses')
@Controller('contracts/:contractId/clauses')
export class ContractClausesController {
  constructor(private readonly clauses: ClausesService) {}

  @Post()
  @Roles(...CONTRACT_WRITERS)
  @ApiCreatedResponse({ type: ClauseViewDoc })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'A field that does not apply to the kind or target mode' })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'target_mode_inputs_missing, sme_min_share_missing, reservation_missing' })
  create(@Param('contractId', new ParseUUIDPipe()) contractId: string, @Body() dto: CreateClauseDto): Promise<ClauseView> {
    return this.clauses.create(contractId, dto);
  }

  @Get()
  @Roles(...BUSINESS_ROLES)
  @ApiOkResponse({ type: [ClauseViewDoc] })
  @ApiNotFoundResponse({ type: ErrorBody })
  list(@Param('contractId', new ParseUUIDPipe()) contractId: string): Promise<ClauseView[]> {
    return this.clauses.listForContract(contractId);
  }
}

@ApiTags('clauses')
@Controller('clauses')
export class ClausesController {
  constructor(private readonly clauses: ClausesService) {}

  @Get(':id')
  @Roles(...BUSINESS_ROLES)
  @ApiOkResponse({ type: ClauseViewDoc })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ClauseView> {
    return this.clauses.get(id);
  }

  @Post(':id/amendments')
  @Roles(...CONTRACT_WRITERS)
  @ApiCreatedResponse({ type: ClauseViewDoc, description: 'The clause with its new history' })
  @ApiConflictResponse({ type: ErrorBody, description: 'An amendment on the same date exists' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'Effective date outside the contract, or terms incomplete for the mode' })
  amend(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AmendClauseDto): Promise<ClauseView> {
    return this.clauses.amend(id, dto);
  }
}
