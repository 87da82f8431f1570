import type { components } from './schema';
import { CLIENT_MESSAGES } from './messages';

export type ErrorBody = components['schemas']['ErrorBody'];
export type FieldProblem = components['schemas']['FieldProblemBody'];

/**
 * A request that did not succeed: the API's error body when it answered one (4xx with `code`,
 * `message`, `details`), or a status 0 (no answer) / 5xx with a sentence of our own catalogue.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }

  static fromResponse(response: Response, body: unknown): ApiError {
    if (response.status >= 500) return new ApiError(response.status, 'server_error', CLIENT_MESSAGES.server);
    if (isErrorBody(body)) return new ApiError(response.status, body.code, body.message, body.details);
    return new ApiError(response.status, 'unreadable', CLIENT_MESSAGES.unreadable);
  }

  static network(): ApiError {
    return new ApiError(0, 'network', CLIENT_MESSAGES.network);
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).code === 'string' && typeof (body as ErrorBody).message === 'string';
}

/** The sentence to show for any failure (an ApiError's, else the network one). */
export const errorMessage = (error: unknown): string => (error instanceof ApiError ? error.message : CLIENT_MESSAGES.network);
