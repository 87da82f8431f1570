/** One problem with one input field: what the client shows next to that field. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * Errors the service raises on purpose; mapped once to HTTP by the exception filter.
 * `code` is stable and machine-readable (e.g. `legal_monthly_cap`), `message` is for people.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 400: the request itself is malformed. */
export class BadInputError extends DomainError {
  readonly status = 400;
}

/** 401: no valid credentials (missing, expired or revoked token). */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  constructor(message = 'Sign in first: send the access token as Authorization: Bearer <token>') {
    super('unauthenticated', message);
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
