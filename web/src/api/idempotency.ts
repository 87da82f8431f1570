import { useState } from 'react';
import { ApiError } from './errors';

/**
 * The Idempotency-Key of one thing the person means to write (the routes that accept it say so in
 * their parameters). A second click, or the retry after a network failure or a 5xx, sends the same
 * key, so the API writes once and answers the first result again. Once the API has answered (success,
 * or a refusal the person will correct and send again, a different body), the next submission is a
 * new intent with a new key.
 */
export class IntentKey {
  private current: string | null = null;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  key(): string {
    this.current ??= this.newKey();
    return this.current;
  }

  /** After the request: pass its error, if any. */
  settle(error?: unknown): void {
    const unanswered = error instanceof ApiError && (error.status === 0 || error.status >= 500);
    if (!unanswered) this.current = null;
  }
}

/** The IntentKey of a form, kept across renders. */
export function useIntentKey(): IntentKey {
  const [intent] = useState(() => new IntentKey());
  return intent;
}
