import { useCallback, useRef } from 'react';
import { ApiError } from './errors';

/**
 * An Idempotency-Key for one thing the person means to write (the routes that accept it say so in
 * their parameters). A second click, or the retry after a network failure, sends the same key, so the
 * API writes once and answers the first result again. Once the API has answered (success or a
 * refusal the person will correct), the next submission is a new intent with a new key.
 */
export function useIdempotencyKey(): { key: () => string; settle: (error?: unknown) => void } {
  const current = useRef<string | null>(null);
  const key = useCallback(() => (current.current ??= crypto.randomUUID()), []);
  const settle = useCallback((error?: unknown) => {
    const answered = !(error instanceof ApiError) || (error.status > 0 && error.status < 500);
    if (answered) current.current = null;
  }, []);
  return { key, settle };
}
