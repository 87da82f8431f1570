import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { BUSINESS_ROLES, CONTRACT_WRITERS } from '../access/role-groups';
import { ErrorBody } from '../common/errors/error-body';
import { Page } from '../common/pagination/page';
import { Contract } from './contract.entity';
import { ContractDetail, ContractsService, PartyView } from './contracts.service';
import { ContractQuery } from './dto/contract-query.dto';
import { ContractDetailView, ContractPage, PartyViewDoc } from './dto/contract.view';
import { CreateContractDto } from './dto/create-contract.dto';
import { PartyInput } from './dto/party-input.dto';
import { UpdateContractDto } from './dto/update-contract.dto';

@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Post()
  @Roles(...CONTRACT_WRITERS)
  @ApiCreatedResponse({ type: ContractDetailView })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'The authority already has a contract with this reference, or a company is a party twice' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'Wrong kind of organisation, unknown department or operation, end before start' })
  create(@Body() dto: CreateContractDto): Promise<ContractDetail> {
    return this.contracts.create(dto);
  }

  @Get()
  @Roles(...BUSINESS_ROLES)
  @ApiOkResponse({ type: ContractPage })
  list(@Query() q: ContractQuery): Promise<Page<Contract>> {
    return this.contracts.list(q);
  }

  @Get(':id')
  @Roles(...BUSINESS_ROLES)
  @ApiOkResponse({ type: ContractDetailView })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ContractDetail> {
    return this.contracts.get(id);
  }

  @Patch(':id')
  @Roles(...CONTRACT_WRITERS)
  @ApiOkResponse({ type: ContractDetailView })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'end_before_start, amendment_after_end, hours_after_end (months holding hours would fall outside the dates: context.months)' })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateContractDto): Promise<ContractDetail> {
    return this.contracts.update(id, dto);
  }

  @Post(':id/parties')
  @Roles(...CONTRACT_WRITERS)
  @ApiCreatedResponse({ type: PartyViewDoc })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody })
  @ApiUnprocessableEntityResponse({ type: ErrorBody })
  addParty(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PartyInput): Promise<PartyView> {
    return this.contracts.addParty(id, dto);
  }

  @Delete(':id/parties/:partyId')
  @Roles(...CONTRACT_WRITERS)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBody })
  removeParty(@Param('id', new ParseUUIDPipe()) id: string, @Param('partyId', new ParseUUIDPipe()) partyId: string): Promise<void> {
    return this.contracts.removeParty(id, partyId);
  }
}
