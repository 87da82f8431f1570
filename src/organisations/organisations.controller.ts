import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AnyRole, Roles } from '../access/access.decorators';
import { ErrorBody } from '../common/errors/error-body';
import { Page } from '../common/pagination/page';
import { CreateOrganisationDto } from './dto/create-organisation.dto';
import { OrganisationQuery } from './dto/organisation-query.dto';
import { OrganisationPage, OrganisationView } from './dto/organisation.view';
import { UpdateOrganisationDto } from './dto/update-organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('admin', 'buyer', 'facilitator')
  @ApiCreatedResponse({ type: OrganisationView, description: 'Admins create any organisation; buyers and facilitators register companies' })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'Malformed input, SIRET failing its check digit' })
  @ApiConflictResponse({ type: ErrorBody, description: 'An organisation with this SIRET exists' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'Company without size, unknown region or departments' })
  create(@Body() dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(dto);
  }

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: OrganisationPage })
  list(@Query() q: OrganisationQuery): Promise<Page<OrganisationView>> {
    return this.organisations.list(q);
  }

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: OrganisationView })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrganisationView> {
    return this.organisations.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: OrganisationView })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiUnprocessableEntityResponse({ type: ErrorBody })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.update(id, dto);
  }
}
