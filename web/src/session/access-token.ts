/**
 * The access token, in this module's memory only: never in localStorage or a cookie a script can
 * read, so it dies with the page. A reload gets a new one from the httpOnly session cookie.
 */
let accessToken: string | null = null;

export const currentAccessToken = (): string | null => accessToken;
export const setAccessToken = (token: string | null): void => {
  accessToken = token;
};

/**
 * Called when the API refused the access token: renews it (from the cookie, or by asking the person
 * to sign in again) and resolves once a new one is set; rejects when the person gave up. The session
 * provider installs it.
 */
let renewer: (() => Promise<void>) | null = null;
let renewing: Promise<void> | null = null;

export const setRenewer = (fn: (() => Promise<void>) | null): void => {
  renewer = fn;
};

/** One renewal at a time: the requests that failed together all wait for the same one. */
export function renewAccessToken(): Promise<void> {
  if (!renewer) return Promise.reject(new Error('No session'));
  renewing ??= renewer().finally(() => {
    renewing = null;
  });
  return renewing;
}
