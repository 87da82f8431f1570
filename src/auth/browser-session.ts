import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { parse } from 'cookie';
import { CookieOptions, Request, Response } from 'express';
import { ForbiddenError } from '../common/errors/domain-errors';

/**
 * The browser's session: its refresh token lives in an httpOnly cookie that scripts never read, so a
 * cross-site script cannot steal it; the access token stays in the page's memory. The cookie is sent
 * to /api only (the sign-in routes and the job board read it), never to the application's files.
 */
export const REFRESH_COOKIE = 'clausier_refresh';
const COOKIE_PATH = '/api';

/**
 * Cookie routes refuse a request without this header. A page of another site cannot set a custom
 * header without a CORS preflight the API refuses, so a forged form or link never reaches them, even
 * from a sibling subdomain that SameSite=Strict would let through.
 */
export const CSRF_HEADER = 'x-clausier-csrf';

export function refreshTokenFromCookie(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  return parse(header)[REFRESH_COOKIE] ?? null;
}

function cookieOptions(): CookieOptions {
  // Secure even on http://localhost: browsers treat localhost as a secure context and keep the cookie.
  return { httpOnly: true, secure: true, sameSite: 'strict', path: COOKIE_PATH };
}

export function setRefreshCookie(res: Response, refreshToken: string, idleDays: number): void {
  res.cookie(REFRESH_COOKIE, refreshToken, { ...cookieOptions(), maxAge: idleDays * 86_400_000 });
}

export function clearRefreshCookie(res: Response): void {
  res.clearCookie(REFRESH_COOKIE, cookieOptions());
}

/** Refuses a cookie route called without the anti-forgery header (see CSRF_HEADER). */
@Injectable()
export class CsrfHeaderGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.switchToHttp().getRequest<Request>().headers[CSRF_HEADER] === undefined) {
      throw new ForbiddenError(`Browser session routes need the ${CSRF_HEADER} header (any value): it proves the request comes from the application's own pages`);
    }
    return true;
  }
}
