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
  const actor = currentActorOrNull();
  if (actor) await preparedQuery(m, `SELECT set_config('clausier.actor', $1, true)`, [auditIdentity(actor)]);
}

/**
 * Runs `work` in one transaction signed with the current actor; retries a few times on deadlock or
 * serialization failure, which PostgreSQL asks the client to do. Everything in `work` must go
 * through `manager`. Every write of the service goes through here.
 */
export async function inTransaction<T>(ds: DataSource, work: (m: EntityManager) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction(async (m) => {
        await signTransaction(m);
        return work(m);
      });
    } catch (err) {
      const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt));
    }
  }
}
