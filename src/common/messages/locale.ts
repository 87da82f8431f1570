import type { Request } from 'express';

/** The languages the API speaks: French for its users, English for whoever asks for it. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

/**
 * The request's language: its Accept-Language negotiated by express (quality values, `en-GB` for
 * `en`), French when it names neither or is absent.
 */
export function localeOf(req: Pick<Request, 'acceptsLanguages'> | undefined): Locale {
  const best = req?.acceptsLanguages?.(...LOCALES);
  return typeof best === 'string' && (LOCALES as readonly string[]).includes(best) ? (best as Locale) : DEFAULT_LOCALE;
}
