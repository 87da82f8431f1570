import type { TestApp } from './app';
import type { AuthedHttp } from './users';

/** Every versioned route lives under this prefix (global prefix + URI versioning). */
export const API = '/api/v1';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type ApiClient = ReturnType<typeof apiClient>;

/**
 * A thin HTTP client for tests that play an outside client: every call goes through the public API,
 * states the status it expects and fails with the response body when another one comes back, so a
 * broken setup step says what the server answered instead of failing later on an undefined id.
 * With an access token every call carries it as a bearer token; without one the client is anonymous
 * (only the public routes answer: health, login, invitations).
 */
export function apiClient(t: TestApp, accessToken?: string) {
  const http: AuthedHttp = accessToken
    ? t.withToken(accessToken)
    : { get: (u) => t.http().get(u), post: (u) => t.http().post(u), put: (u) => t.http().put(u), patch: (u) => t.http().patch(u), delete: (u) => t.http().delete(u) };
  const check = (method: string, path: string, expected: number) => (res: { status: number; body: unknown }) => {
    if (res.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  return {
    get: async (path: string, expected = 200) => check('GET', path, expected)(await http.get(API + path)),
    post: async (path: string, body: object = {}, expected = 201, headers: Record<string, string> = {}) => {
      const req = http.post(API + path);
      for (const [k, v] of Object.entries(headers)) req.set(k, v);
      return check('POST', path, expected)(await req.send(body));
    },
    put: async (path: string, body: object, expected = 200) => check('PUT', path, expected)(await http.put(API + path).send(body)),
    /** The raw supertest requests (full paths, token set), for asserting headers or error bodies. */
    raw: () => http,
  };
}

/**
 * A user as an administrator creates one over HTTP: the admin invites them (POST /users), and they
 * set their password with the invitation token (POST /auth/accept-invitation), which signs them in.
 * Returns a client carrying the user's access token.
 */
export async function inviteUser(
  t: TestApp,
  admin: ApiClient,
  user: { email: string; displayName: string; role: string; organisationId?: string },
): Promise<ApiClient> {
  const invited = await admin.post('/users', user);
  if (invited.status !== 'invited' || typeof invited.invitationToken !== 'string') throw new Error(`POST /users: no invitation in ${JSON.stringify(invited)}`);
  const signedIn = await apiClient(t).post('/auth/accept-invitation', { token: invited.invitationToken, password: `Clausier-${user.role}-2026!` }, 200);
  if (signedIn.user?.role !== user.role || signedIn.user?.organisationId !== (user.organisationId ?? null)) {
    throw new Error(`POST /auth/accept-invitation: signed in as ${JSON.stringify(signedIn.user)}, not the invited ${user.role}`);
  }
  return apiClient(t, signedIn.accessToken as string);
}

/**
 * A Luhn-valid SIRET from a sequence number, computed here rather than with the server's own
 * checker, so the test stays an independent client.
 */
export function siret(seq: number): string {
  const base = String(73282932 + seq).padStart(9, '0') + String(seq).padStart(4, '0');
  for (let check = 0; check <= 9; check++) {
    const candidate = base + check;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let d = Number(candidate[13 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one check digit always completes a Luhn number');
}
