import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { BUSINESS_ROLES, CONTRACT_WRITERS } from '../access/role-groups';
import { ErrorBody } from '../common/errors/error-body';
import { Page } from '../common/pagination/page';
import { CreateOperationDto } from './dto/create-operation.dto';
import { OperationQuery } from './dto/operation-query.dto';
import { OperationPage, OperationView } from './dto/operation.view';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Post()
  @Roles(...CONTRACT_WRITERS)
  @ApiCreatedResponse({ type: OperationView })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'contractingAuthorityId is not a contracting authority' })
  create(@Body() dto: CreateOperationDto): Promise<OperationView> {
    return this.operations.create(dto);
  }

  @Get()
  @Roles(...BUSINESS_ROLES)
  @ApiOkResponse({ type: OperationPage })
  list(@Query() q: OperationQuery): Promise<Page<OperationView>> {
    return this.operations.list(q);
  }

  @Get(':id')
  @Roles(...BUSINESS_ROLES)
  @ApiOkResponse({ type: OperationView })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<OperationView> {
    return this.operations.get(id);
  }
}
