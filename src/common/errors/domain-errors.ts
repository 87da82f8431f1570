import type { AnyMessage } from '../messages';

/** One problem with one input field: what the client shows next to that field. */
export interface FieldProblem {
  field: string;
  /** In English: said as it is when `said` is absent and the catalogue has no sentence for it. */
  reason: string;
  /** The reason as a sentence of the catalogue, said in the request's language. */
  said?: AnyMessage;
}

/**
 * Errors the service raises on purpose; mapped once to HTTP by the exception filter.
 * `code` is stable and machine-readable (e.g. `legal_monthly_cap`), `message` is for people: the
 * filter says it from the message catalogue (src/common/messages) in the request's language — the
 * sentence given with `saying`, else the catalogue's sentence for the code when the context holds
 * its parameters — and keeps `message` as written otherwise.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** The message as a sentence of the catalogue. */
  said?: AnyMessage;
  constructor(
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The sentence of the catalogue that says this error: `throw new XError(...).saying(msg(key, params))`. */
  saying(said: AnyMessage): this {
    this.said = said;
    return this;
  }
}

/** 400: the request itself is malformed. */
export class BadInputError extends DomainError {
  readonly status = 400;
}

/** 401: no valid credentials (missing, expired or revoked token). */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  constructor(message?: string) {
    super('unauthenticated', message ?? 'Sign in first: send the access token as Authorization: Bearer <token>');
    if (message === undefined) this.said = { key: 'http.unauthenticated' };
  }
}

/**
 * 403: the caller is known and sees the resource (or the route), but its role may not do this.
 * A resource outside the caller's scope is a 404 instead: its existence is never confirmed.
 */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(message: string, details: FieldProblem[] = []) {
    super('forbidden', message, details);
  }
}

/** 429: too many attempts; `retryAfterSeconds` goes out as the Retry-After header. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(code: string, message: string, readonly retryAfterSeconds: number) {
    super(code, message, [], { retryAfterSeconds });
  }
}

/** 404: does not exist (or, once roles exist, is outside the caller's scope). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} not found`, [], { entity, id });
  }
}

/** 409: would duplicate something that exists, or conflicts with its current state. */
export class ConflictError extends DomainError {
  readonly status = 409;
}

/** 422: well-formed but breaks a rule of the domain; `code` names the rule. */
export class RuleViolationError extends DomainError {
  readonly status = 422;
}

/** 503: a service the request needs is away (e.g. Redis for the job queues); the rest of the API works. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
}
