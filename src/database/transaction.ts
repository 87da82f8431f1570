import { DataSource, EntityManager } from 'typeorm';
import { auditIdentity } from '../access/actor';
import { currentActorOrNull } from '../access/request-context';
import { preparedQuery } from './prepared';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Signs the transaction with the current actor: the audit triggers read it to record who wrote each
 * row, and refuse a write on an audited table when it is missing (so no write escapes the log).
 */
export async function signTransaction(m: EntityManager): Promise<void> {
  const identity = actorIdentity();
  if (identity !== null) await preparedQuery(m, `SELECT ${signatureSql('$1')}`, [identity]);
}

/** The current actor as the audit triggers read it; null outside a request or job. */
export function actorIdentity(): string | null {
  const actor = currentActorOrNull();
  return actor ? auditIdentity(actor) : null;
}

/** The signature as an SQL expression over a placeholder holding actorIdentity(), for a query that signs its own transaction. */
export const signatureSql = (identity: string) => `set_config('clausier.actor', ${identity}::text, true)`;

export interface TransactionOptions {
  /** Tries in all, on deadlock or serialization failure. */
  attempts?: number;
  /**
   * True when the work's first query signs the transaction itself (signatureSql), saving the round
   * trip of signTransaction; the work must then write nothing before it.
   */
  signsItself?: boolean;
}

/**
 * Runs `work` in one transaction signed with the current actor; retries a few times on deadlock or
 * serialization failure, which PostgreSQL asks the client to do. Everything in `work` must go
 * through `manager`. Every write of the service goes through here.
 */
export async function inTransaction<T>(ds: DataSource, work: (m: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const { attempts = 3, signsItself = false } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction(async (m) => {
        if (!signsItself) await signTransaction(m);
        return work(m);
      });
    } catch (err) {
      const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt));
    }
  }
}
