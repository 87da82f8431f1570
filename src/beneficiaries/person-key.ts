import { createHmac, randomBytes } from 'node:crypto';

export interface Identity {
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

// Apostrophes and dashes people type in many ways (ASCII, typographic, modifier letter).
const SEPARATORS = /[-‐‑‒–—'’‘ʼ`´]/g;

/**
 * One spelling per name, so that 'Élodie', 'ELODIE' and ' elodie ' are the same person:
 * accents dropped, ligatures spelled out, uppercase, hyphens and apostrophes as spaces, spaces collapsed.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE')
    .replace(SEPARATORS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The stable pseudonymous key of a person: HMAC-SHA256 of the normalised identity with the server
 * secret. Without the secret nobody can recompute it from a name, yet two structures registering the
 * same person get the same key, which is what distinct-people counts rely on.
 */
export function personKey(secret: string, id: Identity): string {
  // A separator that cannot occur in a normalised name keeps ("AB","C") apart from ("A","BC").
  const message = [normaliseName(id.lastName), normaliseName(id.firstName), id.birthDate].join('|');
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

/** The short code shown instead of the identity: derived from the key, so stable per person. */
export function personCode(key: string): string {
  return `B-${key.slice(0, 10).toUpperCase()}`;
}

/**
 * The code of an erased registration, drawn at random: the identity's own code would lead anyone who
 * registers the person again (or holds another registration of them) back to the erased one.
 */
export function erasedCode(): string {
  return personCode(randomBytes(5).toString('hex'));
}
