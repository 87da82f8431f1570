import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { ErrorBody } from '../common/errors/error-body';
import { InvitationView, InviteUserDto, UpdateUserDto, UserPage, UserQuery, UserView } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: InvitationView, description: 'The user is invited: hand them the invitation token' })
  @ApiConflictResponse({ type: ErrorBody, description: 'A user with this email exists' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'The organisation does not match the role' })
  invite(@Body() dto: InviteUserDto) {
    return this.users.invite(dto);
  }

  @Get()
  @ApiOkResponse({ type: UserPage })
  list(@Query() q: UserQuery) {
    return this.users.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ type: ErrorBody })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  @Post(':id/invitation')
  @ApiCreatedResponse({ type: InvitationView, description: 'A new invitation (forgotten password); the previous one stops working' })
  @ApiNotFoundResponse({ type: ErrorBody })
  reinvite(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.reinvite(id);
  }
}
