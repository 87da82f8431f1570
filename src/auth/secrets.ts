import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A token the server hands out once and keeps only as a hash: `<id>.<32 random bytes, base64url>`. */
export function newToken(id: string): string {
  return `${id}.${randomBytes(32).toString('base64url')}`;
}

/** The id part of such a token, or null when it is not one. */
export function tokenId(token: string): string | null {
  const m = /^([0-9a-f-]{36})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return m ? m[1] : null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string | null, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
