import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError } from './errors';
import { currentAccessToken, renewAccessToken } from '../session/access-token';

/** The anti-forgery header the session cookie routes require (src/auth/browser-session.ts). */
export const CSRF_HEADER = 'x-clausier-csrf';

/** Routes that make or end the session: a 401 there is an answer, not an expired token to renew. */
const SESSION_ROUTES = /^\/api\/v1\/auth\/(browser\/|login|refresh|accept-invitation)/;

/**
 * Sends each request with the current access token; when the API answers 401 (the token expired, or
 * the session ended), renews the token and sends the same request once more, so what the person was
 * doing goes through instead of being lost. The request is cloned before it is sent: its body can be
 * read only once.
 */
async function sessionFetch(request: Request): Promise<Response> {
  const again = request.clone();
  const response = await send(request);
  if (response.status !== 401 || SESSION_ROUTES.test(new URL(request.url).pathname)) return response;
  try {
    await renewAccessToken();
  } catch {
    // No session to renew (the person gave up signing in again): the API's own 401 stands.
    return response;
  }
  return send(again);
}

async function send(request: Request): Promise<Response> {
  const token = currentAccessToken();
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  try {
    return await fetch(request);
  } catch {
    throw ApiError.network();
  }
}

/** The typed client of the whole API: paths, parameters and bodies come from its OpenAPI document. */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: sessionFetch,
  headers: { 'Accept-Language': 'fr', [CSRF_HEADER]: '1' },
});

/**
 * The data of an answer, or its error thrown as an ApiError: what TanStack Query's queries and
 * mutations expect. `api.GET(...)` → `unwrap(await api.GET(...))`.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw ApiError.fromResponse(result.response, result.error);
}
