import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../access/access.decorators';
import { DECLARERS, PEOPLE_READERS } from '../access/role-groups';
import { ErrorBody } from '../common/errors/error-body';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency/idempotency-key.decorator';
import { IdempotentResult } from '../common/idempotency/idempotency.service';
import { CreateHoursStatementDto } from './dto/create-hours-statement.dto';
import { HoursStatementDetailResponse, HoursStatementPage, HoursStatementResponse } from './dto/hours-statement.response';
import { ListHoursStatementsQuery } from './dto/list-hours-statements.query';
import { RejectHoursStatementDto } from './dto/reject-hours-statement.dto';
import { SupersedeHoursStatementDto } from './dto/supersede-hours-statement.dto';
import { HoursStatementsService } from './hours-statements.service';

/** A replayed answer keeps the status code it was first given, and says it is a replay. */
function send<T>(res: Response, r: IdempotentResult<T>): T {
  res.status(r.statusCode);
  if (r.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return r.body;
}

@ApiTags('hours-statements')
@Controller('hours-statements')
export class HoursStatementsController {
  constructor(private readonly statements: HoursStatementsService) {}

  @Post()
  @Roles(...DECLARERS)
  @ApiOperation({ summary: 'Declare the hours of one assignment for one month (status declared)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: HoursStatementResponse })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown assignment' })
  @ApiConflictResponse({ type: ErrorBody, description: 'statement_exists: a declared or validated statement exists for the month' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'legal_monthly_cap, month_outside_assignment, month_outside_contract, idempotency_key_reused' })
  async declare(@Body() dto: CreateHoursStatementDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response) {
    return send(res, await this.statements.declare(dto, key));
  }

  @Get()
  @Roles(...PEOPLE_READERS)
  @ApiOkResponse({ type: HoursStatementPage })
  list(@Query() q: ListHoursStatementsQuery) {
    return this.statements.list(q);
  }

  @Get(':id')
  @Roles(...PEOPLE_READERS)
  @ApiOkResponse({ type: HoursStatementDetailResponse })
  @ApiNotFoundResponse({ type: ErrorBody })
  findOne(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.statements.findOne(id);
  }

  @Post(':id/validate')
  @Roles('facilitator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate a declared statement; a correction then supersedes the statement it corrects' })
  @ApiOkResponse({ type: HoursStatementResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'invalid_transition: not declared' })
  validate(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.statements.validate(id);
  }

  @Post(':id/reject')
  @Roles('facilitator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a declared statement, with a reason' })
  @ApiOkResponse({ type: HoursStatementResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'invalid_transition: not declared' })
  reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RejectHoursStatementDto) {
    return this.statements.reject(id, dto.reason);
  }

  @Post(':id/supersede')
  @Roles(...DECLARERS)
  @ApiOperation({ summary: 'Correct a validated statement: declares a new statement that replaces it once validated' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: HoursStatementResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'invalid_transition (not validated), correction_pending' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'legal_monthly_cap, month_outside_assignment, month_outside_contract, idempotency_key_reused' })
  async supersede(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: SupersedeHoursStatementDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.statements.supersede(id, dto, key));
  }
}
