import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { setAccessToken, setRenewer } from './access-token';
import { SignInAgainDialog } from './SignInAgainDialog';

export type Me = components['schemas']['MeView'];
export type Role = Me['role'];

interface Session {
  /** Null when no one is signed in. */
  user: Me | null;
  signIn: (email: string, password: string) => Promise<Me>;
  acceptInvitation: (token: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only inside pages that require one. */
export function useUser(): Me {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

async function loadMe(accessToken: string): Promise<Me> {
  setAccessToken(accessToken);
  return unwrap(await api.GET('/api/v1/auth/me'));
}

/** A new access token from the session cookie; false when there is no session (anymore). */
async function refreshFromCookie(): Promise<string | null> {
  const refresh = async () => {
    const { data, response } = await api.POST('/api/v1/auth/browser/refresh');
    return response.ok && data ? data.accessToken : null;
  };
  // One tab at a time: two tabs refreshing with the same cookie at once would look like a stolen token
  // to the API (the rotated token used twice), which ends the session. The tab that waited sends the
  // cookie the first one received.
  return navigator.locks ? navigator.locks.request('clausier-session-refresh', refresh) : refresh();
}

/**
 * The session found at start, asked once per page load: two refreshes with the same cookie would look
 * like a stolen token to the API (rotation reuse), which ends the session. React's strict mode runs
 * effects twice in development; this keeps it to one request.
 */
let restored: Promise<Me | null> | null = null;
const restoreSession = (): Promise<Me | null> =>
  (restored ??= refreshFromCookie()
    .then(async (token) => (token ? loadMe(token) : null))
    .catch(() => null));

/**
 * The browser's session. On start it asks for an access token with the session cookie (so a reload
 * keeps the person signed in); when the API refuses an expired token, it renews it the same way, and
 * when the session itself has ended, it asks for the password in a dialog over the page, which keeps
 * whatever was typed, and the refused request is sent again.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<Me | null>(null);
  const [starting, setStarting] = useState(true);
  const [askPassword, setAskPassword] = useState(false);
  const waiting = useRef<{ resolve: () => void; reject: (e: Error) => void } | null>(null);
  const signedIn = useRef(false);
  useEffect(() => {
    signedIn.current = user !== null;
  }, [user]);

  useEffect(() => {
    let cancelled = false;
    void restoreSession().then((me) => {
        if (cancelled) return;
        setUser(me);
        setStarting(false);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const forget = useCallback(() => {
    setAccessToken(null);
    setUser(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    setRenewer(async () => {
      const token = await refreshFromCookie().catch(() => null);
      if (token) return setAccessToken(token);
      if (!signedIn.current) throw new Error('Not signed in');
      setAskPassword(true);
      await new Promise<void>((resolve, reject) => {
        waiting.current = { resolve, reject };
      });
    });
    return () => setRenewer(null);
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const signedIn = unwrap(await api.POST('/api/v1/auth/browser/login', { body: { email, password } }));
    const me = await loadMe(signedIn.accessToken);
    setUser(me);
    return me;
  }, []);

  const acceptInvitation = useCallback(async (token: string, password: string) => {
    const signedIn = unwrap(await api.POST('/api/v1/auth/browser/accept-invitation', { body: { token, password } }));
    const me = await loadMe(signedIn.accessToken);
    setUser(me);
    return me;
  }, []);

  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/browser/logout').catch(() => undefined);
    forget();
  }, [forget]);

  const session = useMemo(() => ({ user, signIn, acceptInvitation, signOut }), [user, signIn, acceptInvitation, signOut]);
  if (starting) return <StartingSession />;
  return (
    <SessionContext.Provider value={session}>
      {children}
      {askPassword && user && (
        <SignInAgainDialog
          email={user.email}
          signIn={async (password) => {
            const signedIn = unwrap(await api.POST('/api/v1/auth/browser/login', { body: { email: user.email, password } }));
            setAccessToken(signedIn.accessToken);
            setAskPassword(false);
            waiting.current?.resolve();
          }}
          giveUp={() => {
            setAskPassword(false);
            waiting.current?.reject(new Error('Session ended'));
            void signOut();
          }}
        />
      )}
    </SessionContext.Provider>
  );
}

function StartingSession() {
  return (
    <p role="status" style={{ padding: '2rem', fontFamily: 'system-ui, sans-serif' }}>
      Chargement de Clausier…
    </p>
  );
}
