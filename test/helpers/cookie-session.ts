import { CSRF_HEADER, REFRESH_COOKIE } from '../../src/auth/browser-session';
import type { TestApp } from './app';

export interface BrowserSession {
  /** `clausier_refresh=…`, as the browser sends it back. */
  cookie: string;
  /** The Set-Cookie line the sign-in answered, with its attributes. */
  setCookie: string;
  accessToken: string;
  body: Record<string, unknown>;
}

/** The Set-Cookie line of the session cookie in an answer, if any. */
export function sessionSetCookie(headers: Record<string, unknown>): string | undefined {
  const lines = (headers['set-cookie'] as string[] | undefined) ?? [];
  return lines.find((l) => l.startsWith(`${REFRESH_COOKIE}=`));
}

/** Signs in as the web application does (login or accept-invitation), keeping the cookie. */
export async function browserSignIn(t: TestApp, route: string, body: object): Promise<BrowserSession> {
  const res = await t.http().post(route).set(CSRF_HEADER, '1').send(body).expect(200);
  const setCookie = sessionSetCookie(res.headers);
  if (!setCookie) throw new Error(`${route} set no session cookie`);
  return { cookie: setCookie.split(';')[0], setCookie, accessToken: res.body.accessToken, body: res.body };
}
