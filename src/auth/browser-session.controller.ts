import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access/access.decorators';
import { ErrorBody } from '../common/errors/error-body';
import { UnauthenticatedError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { AuthService } from './auth.service';
import { clearRefreshCookie, CSRF_HEADER, CsrfHeaderGuard, refreshTokenFromCookie, setRefreshCookie } from './browser-session';
import { AcceptInvitationDto, AccessTokenView, BrowserSignedInView, LoginDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle';
import { IssuedTokens, SessionsService } from './sessions.service';

const COOKIE_NOTE = `The refresh token is set as an httpOnly, Secure, SameSite=Strict cookie (path /api) and is not in the body. Needs the ${CSRF_HEADER} header.`;

/**
 * The same sign-in as /auth/login, /auth/refresh and /auth/accept-invitation, for the web application:
 * the refresh token travels only in a cookie scripts cannot read. API clients keep the JSON tokens.
 */
@ApiTags('auth')
@Controller('auth/browser')
@UseGuards(CsrfHeaderGuard)
@ApiForbiddenResponse({ type: ErrorBody, description: `The ${CSRF_HEADER} header is missing` })
export class BrowserSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in from the web application', description: COOKIE_NOTE })
  @ApiOkResponse({ type: BrowserSignedInView })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'Wrong email or password' })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'Too many failed attempts: wait Retry-After seconds' })
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response): Promise<BrowserSignedInView> {
    const { user, ...tokens } = await this.auth.login(dto.email, dto.password);
    return { ...this.keepRefreshInCookie(tokens, res), user };
  }

  @Post('refresh')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token for the session cookie (which is rotated)', description: COOKIE_NOTE })
  @ApiOkResponse({ type: AccessTokenView })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'No session cookie, or the session has ended' })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AccessTokenView> {
    const token = refreshTokenFromCookie(req);
    if (!token) throw new UnauthenticatedError('No session: sign in');
    try {
      return this.keepRefreshInCookie(await this.sessions.refresh(token), res);
    } catch (e) {
      clearRefreshCookie(res);
      throw e;
    }
  }

  @Post('accept-invitation')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set your password with the invitation token, and sign in from the web application', description: COOKIE_NOTE })
  @ApiOkResponse({ type: BrowserSignedInView })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'The invitation is invalid, used or expired' })
  async acceptInvitation(@Body() dto: AcceptInvitationDto, @Res({ passthrough: true }) res: Response): Promise<BrowserSignedInView> {
    const { user, ...tokens } = await this.auth.acceptInvitation(dto.token, dto.password);
    return { ...this.keepRefreshInCookie(tokens, res), user };
  }

  /** Needs no access token: one that expired must not keep someone from signing out. */
  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session of the cookie at once and clears the cookie', description: `Needs the ${CSRF_HEADER} header.` })
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session)' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = refreshTokenFromCookie(req);
    if (token) await this.sessions.revokeByRefreshToken(token);
    clearRefreshCookie(res);
  }

  private keepRefreshInCookie({ refreshToken, ...rest }: IssuedTokens, res: Response): AccessTokenView {
    setRefreshCookie(res, refreshToken, this.config.SESSION_IDLE_DAYS);
    return rest;
  }
}
