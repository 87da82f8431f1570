import type { Locale } from './locale';

/** How a sentence of the catalogue writes numbers, months, dates and lists in its language. */
export interface Formats {
  /** Hours as a decimal number (212.57): `212,57 h`. */
  hours(hours: number): string;
  /** A month, `2026-03` or its first day `2026-03-01`: `mars 2026`. */
  month(month: string): string;
  /** An ISO date: `31/03/2026`. */
  date(iso: string): string;
  /** A count: `1 234`. */
  count(n: number): string;
  /** Alternatives: `a, b ou c`. */
  or(items: readonly string[]): string;
  /** A list: `a, b et c`. */
  and(items: readonly string[]): string;
}

// Intl fr-FR groups thousands with U+202F (narrow no-break space), as the reports do.
const FR_HOURS = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const FR_COUNT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Hundredths, rounded once: a figure shown is never summed afterwards. */
const hundredths = (hours: number) => Math.round(hours * 100) / 100;
const monthName = (names: string[], month: string) => {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  return m ? `${names[Number(m[2]) - 1]} ${m[1]}` : month;
};
const join = (items: readonly string[], word: string) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`);

export const FORMATS: Record<Locale, Formats> = {
  fr: {
    hours: (h) => `${FR_HOURS.format(hundredths(h))} h`,
    month: (m) => monthName(FR_MONTHS, m),
    date: (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso),
    count: (n) => FR_COUNT.format(n),
    or: (items) => join(items, 'ou'),
    and: (items) => join(items, 'et'),
  },
  en: {
    hours: (h) => `${hundredths(h).toFixed(2)} h`,
    month: (m) => monthName(EN_MONTHS, m),
    date: (iso) => iso,
    count: (n) => String(n),
    or: (items) => join(items, 'or'),
    and: (items) => join(items, 'and'),
  },
};
