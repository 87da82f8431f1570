import { AsyncLocalStorage } from 'node:async_hooks';
import { Actor, auditIdentity } from './actor';

interface Store {
  actor: Actor | null;
}

const storage = new AsyncLocalStorage<Store>();

/**
 * Who is acting, for the whole asynchronous life of a request or job. The data layer reads it to
 * filter every query (access/visibility.sql.ts) and the transaction helper to sign the audit log,
 * so no controller has to pass it along — and none can forget to.
 */
export function runWithActor<T>(actor: Actor | null, work: () => T): T {
  return storage.run({ actor }, work);
}

/** Sets the actor of the current request (the auth guard does, once the token is checked). */
export function setActor(actor: Actor): void {
  const store = storage.getStore();
  if (!store) throw new Error('setActor outside a request context');
  store.actor = actor;
}

/**
 * The current actor. Fails closed: a query run outside any request or job context is a bug, never a
 * reason to show everything.
 */
export function currentActor(): Actor {
  const actor = storage.getStore()?.actor;
  if (!actor) throw new Error('No actor in context: wrap background work in runWithActor(systemActor(...), ...)');
  return actor;
}

export function currentActorOrNull(): Actor | null {
  return storage.getStore()?.actor ?? null;
}

/** The current actor's identity as the audit log records it, to sign a transaction with; null outside a request or job. */
export function actorIdentity(): string | null {
  const actor = currentActorOrNull();
  return actor ? auditIdentity(actor) : null;
}
