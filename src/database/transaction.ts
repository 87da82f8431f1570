import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from './prepared';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Who a transaction is signed by: the actor's identity as the audit log records it (access/actor.ts,
 * auditIdentity), given by the caller, so this floor knows nothing of requests or actors. The audit
 * triggers read it to record who wrote each row, and refuse a write on an audited table without it
 * (so no write escapes the log): null leaves the transaction unsigned.
 */
export type Signature = string | null;

/** Signs the transaction of `m` (see Signature). */
export async function signTransaction(m: EntityManager, signature: Signature): Promise<void> {
  if (signature !== null) await preparedQuery(m, `SELECT ${signatureSql('$1')}`, [signature]);
}

/** The signature as an SQL expression over a placeholder holding it, for a query that signs its own transaction. */
export const signatureSql = (identity: string) => `set_config('clausier.actor', ${identity}::text, true)`;

export interface TransactionOptions {
  /** Tries in all, on deadlock or serialization failure. */
  attempts?: number;
  /**
   * True when the work's first query signs the transaction itself (signatureSql, with the same
   * signature), saving the round trip of signTransaction; the work must then write nothing before it.
   */
  signsItself?: boolean;
}

/**
 * Runs `work` in one transaction signed by `signedBy`; retries a few times on deadlock or
 * serialization failure, which PostgreSQL asks the client to do. Everything in `work` must go
 * through `manager`. Every write of the service goes through here.
 */
export async function inTransaction<T>(
  ds: DataSource,
  signedBy: Signature,
  work: (m: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const { attempts = 3, signsItself = false } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction(async (m) => {
        if (!signsItself) await signTransaction(m, signedBy);
        return work(m);
      });
    } catch (err) {
      const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt));
    }
  }
}
