import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { AGGREGATE_READERS, BUSINESS_ROLES } from '../access/role-groups';
import { ErrorBody } from '../common/errors/error-body';
import { todayUtc } from '../common/units/calendar';
import { ComplianceService } from './compliance.service';
import { AtQuery, ContractComplianceQuery } from './dto/compliance-query.dto';
import { ContractComplianceView, ContractLinePage, ScopeComplianceView } from './dto/compliance.view';

const atOrToday = (q: { at?: string }) => q.at ?? todayUtc();

@ApiTags('compliance')
@Controller('contracts')
export class ContractComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get(':id/compliance')
  @Roles(...BUSINESS_ROLES)
  @ApiOkResponse({ type: ContractComplianceView })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'Malformed id or ?at' })
  @ApiNotFoundResponse({ type: ErrorBody })
  contract(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: AtQuery) {
    return this.compliance.contract(id, atOrToday(q));
  }
}

@ApiTags('compliance')
@Controller('compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('contracts')
  @Roles(...BUSINESS_ROLES)
  @ApiOkResponse({ type: ContractLinePage, description: 'Per-contract compliance lines, by reference' })
  @ApiBadRequestResponse({ type: ErrorBody })
  list(@Query() q: ContractComplianceQuery) {
    const { departmentCode, regionCode, contractingAuthorityId } = q;
    return this.compliance.list({ departmentCode, regionCode, contractingAuthorityId }, atOrToday(q), q);
  }

  @Get('contracting-authorities/:id')
  @Roles(...AGGREGATE_READERS)
  @ApiOkResponse({ type: ScopeComplianceView })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  authority(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: AtQuery) {
    return this.compliance.scope('contracting_authority', id, atOrToday(q));
  }

  @Get('departments/:code')
  @Roles(...AGGREGATE_READERS)
  @ApiOkResponse({ type: ScopeComplianceView })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  department(@Param('code') code: string, @Query() q: AtQuery) {
    return this.compliance.scope('department', code, atOrToday(q));
  }

  @Get('regions/:code')
  @Roles(...AGGREGATE_READERS)
  @ApiOkResponse({ type: ScopeComplianceView })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  region(@Param('code') code: string, @Query() q: AtQuery) {
    return this.compliance.scope('region', code, atOrToday(q));
  }
}
