import { CATALOGUE } from './catalogue';
import type { AnyMessage, Entry, Speaker } from './entry';
import { FORMATS } from './format';
import type { Locale } from './locale';

export type Catalogue = typeof CATALOGUE;
export type MessageKey = keyof Catalogue;
export type ParamsOf<K extends MessageKey> = Catalogue[K] extends Entry<infer P> ? P : never;

/** A sentence of the catalogue with its parameters: what is stored (import rows) and what errors carry. */
export type Message<K extends MessageKey = MessageKey> = K extends MessageKey ? { key: K; params: ParamsOf<K> } : never;

type ParamsArg<K extends MessageKey> = Record<string, never> extends ParamsOf<K> ? [params?: ParamsOf<K>] : [params: ParamsOf<K>];

/** `msg('legal_monthly_cap', { month, capHours, currentHours, requestedHours })`: a typed key with its parameters. */
export function msg<K extends MessageKey>(key: K, ...[params]: ParamsArg<K>): Message<K> {
  return { key, params: params ?? {} } as Message<K>;
}

/** A sentence kept as written (a throw site or a library the catalogue does not say yet). */
export const verbatim = (text: string): Message<'text'> => msg('text', { text });

const ENTRIES = CATALOGUE as Record<string, Entry<object>>;

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(ENTRIES, key);

function speaker(locale: Locale): Speaker {
  const s: Speaker = { ...FORMATS[locale], say: (m) => say(m, locale) };
  return s;
}

/** The sentence in the language asked for. A key the catalogue no longer has says its text, or the key. */
export function say(m: AnyMessage, locale: Locale): string {
  const e = ENTRIES[m.key];
  const params = (m.params ?? {}) as Record<string, unknown>;
  if (!e) return typeof params.text === 'string' ? params.text : m.key;
  return e[locale](params, speaker(locale));
}

/**
 * The sentence of an error `code` (or `code.field`) said from the error's context, when the catalogue
 * says that code (codeEntry) and the context has what it needs; null otherwise (the throw site's own
 * message then stands).
 */
export function sayByCode(key: string, context: Record<string, unknown>, locale: Locale): string | null {
  const e = ENTRIES[key];
  if (!e?.byCode || !e.needs.every((n) => context[n] !== undefined && context[n] !== null)) return null;
  return e[locale](context, speaker(locale));
}

/**
 * An error as a sentence to keep and say later (an import stores its rows' reasons): the sentence its
 * throw site named, else its code's with its context (and `more`) as parameters when the catalogue
 * says that code, else its message as written.
 */
export function messageOf(e: { code: string; message: string; extra: Record<string, unknown>; said?: AnyMessage }, more: Record<string, unknown> = {}): Message {
  if (e.said) return e.said as Message;
  const params = { ...e.extra, ...more };
  const entry = ENTRIES[e.code];
  if (entry?.byCode && entry.needs.every((n) => params[n] !== undefined && params[n] !== null)) return { key: e.code, params } as unknown as Message;
  return verbatim(e.message);
}

/** The catalogue entry whose English is exactly `text` and needs no parameter: how a DTO's own sentence finds its French. */
export function keyOfEnglish(text: string): MessageKey | null {
  ENGLISH ??= new Map(
    Object.entries(ENTRIES)
      .filter(([k, e]) => k.startsWith('field.') && e.needs.length === 0)
      .map(([k, e]) => [e.en({}, speaker('en')), k as MessageKey]),
  );
  return ENGLISH.get(text) ?? null;
}
let ENGLISH: Map<string, MessageKey> | undefined;

/** First letter up: catalogue sentences are written to follow "ligne 4, Heures : "; a message stands alone. */
export const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
