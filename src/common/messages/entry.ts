import type { Formats } from './format';

/** A sentence to say: a catalogue key and its parameters (see messages.ts for the typed form). */
export interface AnyMessage {
  key: string;
  params?: object;
}

/** What a sentence gets besides its parameters: the formats of its language, and how to say a nested message. */
export interface Speaker extends Formats {
  say(m: AnyMessage): string;
}

/**
 * One sentence of the catalogue, in each language. `needs`: the parameters it cannot do without; an
 * error whose context lacks one keeps its own message. `byCode`: the sentence says everything an
 * error of that `code` means, so an error with that code and those parameters in its context is said
 * with it even where its throw site names no key (e.g. `legal_monthly_cap`).
 */
export interface Entry<P extends object> {
  needs: readonly string[];
  byCode: boolean;
  fr: (p: P, s: Speaker) => string;
  en: (p: P, s: Speaker) => string;
}

type Say<P extends object> = (p: P, s: Speaker) => string;

/** A sentence with parameters P. */
export function entry<P extends object = Record<string, never>>(needs: readonly (keyof P & string)[], fr: Say<P>, en: Say<P>): Entry<P> {
  return { needs, byCode: false, fr, en };
}

/** A sentence that says an error code whenever the error's context holds the parameters it needs. */
export function codeEntry<P extends object>(needs: readonly (keyof P & string)[], fr: Say<P>, en: Say<P>): Entry<P> {
  return { needs, byCode: true, fr, en };
}
