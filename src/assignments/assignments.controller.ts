import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { PEOPLE_READERS } from '../access/role-groups';
import { ErrorBody } from '../common/errors/error-body';
import { Page } from '../common/pagination/page';
import { AssignmentPage, AssignmentView } from './assignment.view';
import { AssignmentsService } from './assignments.service';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { ListAssignmentsQuery } from './dto/list-assignments.query';
import { OutcomeDto } from './dto/outcome.dto';
import { UpdateAssignmentDto } from './dto/update-assignment.dto';

@ApiTags('assignments')
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly service: AssignmentsService) {}

  @Post()
  @Roles('facilitator')
  @ApiCreatedResponse({ type: AssignmentView, description: 'Created; `eligible` false flags a person without a valid criterion on the start date' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'assignment_outside_contract, employer_not_company or unknown_reference' })
  create(@Body() dto: CreateAssignmentDto): Promise<AssignmentView> {
    return this.service.create(dto);
  }

  @Get()
  @Roles(...PEOPLE_READERS)
  @ApiOkResponse({ type: AssignmentPage })
  list(@Query() q: ListAssignmentsQuery): Promise<Page<AssignmentView>> {
    return this.service.list(q);
  }

  @Get(':id')
  @Roles(...PEOPLE_READERS)
  @ApiOkResponse({ type: AssignmentView })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AssignmentView> {
    return this.service.get(id);
  }

  @Patch(':id')
  @Roles('facilitator')
  @ApiOkResponse({ type: AssignmentView })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'hours_after_end: months holding hours would fall outside the dates (context.months)' })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateAssignmentDto): Promise<AssignmentView> {
    return this.service.update(id, dto);
  }

  @Put(':id/outcome')
  @Roles('facilitator')
  @ApiOkResponse({ type: AssignmentView })
  @ApiNotFoundResponse({ type: ErrorBody })
  recordOutcome(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: OutcomeDto): Promise<AssignmentView> {
    return this.service.recordOutcome(id, dto);
  }
}
