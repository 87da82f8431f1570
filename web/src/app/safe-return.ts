/**
 * Where to go after signing in: the `retour` address when it is a path of this site (never another
 * site: a crafted link must not send a person who just signed in elsewhere), else the home page.
 */
export function safeReturnPath(retour: string | null): string | null {
  if (!retour || !retour.startsWith('/') || retour.startsWith('//') || retour.startsWith('/\\')) return null;
  return retour;
}

/** The API's own pages (the job board) are left to the browser; the application's pages to the router. */
export const isServerPage = (path: string): boolean => path === '/api' || path.startsWith('/api/');
