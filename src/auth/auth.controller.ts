import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AnyRole, Public, RequestActor } from '../access/access.decorators';
import type { UserActor } from '../access/actor';
import { ErrorBody } from '../common/errors/error-body';
import { AuthService } from './auth.service';
import { AcceptInvitationDto, LoginDto, MeView, RefreshDto, SignedInView, TokensView } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: SignedInView })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'Wrong email or password' })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'Too many failed attempts: wait Retry-After seconds' })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.email, dto.password);
  }

  @Post('refresh')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'New tokens for a refresh token (which stops working)' })
  @ApiOkResponse({ type: TokensView })
  refresh(@Body() dto: RefreshDto) {
    return this.sessions.refresh(dto.refreshToken);
  }

  @Post('accept-invitation')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set your password with the invitation token, and sign in' })
  @ApiOkResponse({ type: SignedInView })
  acceptInvitation(@Body() dto: AcceptInvitationDto) {
    return this.auth.acceptInvitation(dto.token, dto.password);
  }

  @Post('logout')
  @AnyRole()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  async logout(@RequestActor() actor: UserActor): Promise<void> {
    await this.sessions.revoke(actor.sessionId);
  }

  @Get('me')
  @AnyRole()
  @ApiOkResponse({ type: MeView })
  me(): Promise<MeView> {
    return this.auth.me();
  }
}
