import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { Request, Response } from 'express';
import { type AnyMessage, type Locale, localeOf, say, sayByCode, sentence } from '../messages';
import { DomainError, FieldProblem, TooManyRequestsError } from './domain-errors';
import { ErrorBody } from './error-body';

/** PostgreSQL constraint names the clients should see as plain field problems (said from `constraint.<name>`). */
const CONSTRAINT_FIELDS: Record<string, FieldProblem> = {
  organisation_siret_unique: { field: 'siret', reason: 'an organisation with this SIRET already exists' },
  contract_reference_unique: { field: 'reference', reason: 'this contracting authority already has a contract with this reference' },
  contract_party_unique: { field: 'companyId', reason: 'this company is already a party to the contract' },
  beneficiary_once_per_structure: { field: 'identity', reason: 'this person is already registered by this structure' },
  statement_one_pending: { field: 'month', reason: 'a statement for this assignment and month is already awaiting validation' },
  statement_one_validated: { field: 'month', reason: 'a validated statement exists for this assignment and month: supersede it' },
  clause_terms_one_per_date: { field: 'effectiveFrom', reason: 'the clause already has an amendment on this date' },
  user_email_unique: { field: 'email', reason: 'a user with this email exists' },
};

/** An error body before it is said: its message and reasons as sentences of the catalogue where they have one. */
interface Unsaid {
  statusCode: number;
  code: string;
  message: string | AnyMessage;
  details: FieldProblem[];
  context?: Record<string, unknown>;
  /** The message is the list of the field problems (the validation pipe's). */
  fromDetails?: boolean;
}

/**
 * Maps every error to the one ErrorBody shape; never leaks a stack trace or SQL. The message and the
 * fields' reasons are said in the request's language (Accept-Language; French by default) from the
 * message catalogue, and kept as the throw site wrote them where the catalogue has no sentence yet.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = said(this.toBody(exception), localeOf(host.switchToHttp().getRequest<Request>()));
    if (exception instanceof TooManyRequestsError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    // Logged for the operators, never returned: the body carries no stack, SQL or values. A 503 raised
    // on purpose (a DomainError: Redis away) is not a defect, and its cause is logged once where it is known.
    if (body.statusCode >= 500 && !(exception instanceof HttpException) && !(exception instanceof DomainError)) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): Unsaid {
    if (e instanceof DomainError) {
      // Bad input without a sentence of its own says the list of its fields' problems, as the validation pipe does.
      const fromDetails = e.code === 'invalid_input' && !e.said && e.details.length > 0;
      return { statusCode: e.status, code: e.code, message: e.said ?? e.message, details: e.details, fromDetails, ...(Object.keys(e.extra).length ? { context: e.extra } : {}) };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse() as { details?: FieldProblem[]; message?: string | string[]; code?: string; info?: unknown; error?: unknown; said?: AnyMessage; fromDetails?: boolean };
      const message = Array.isArray(r?.message) ? r.message.join('; ') : (r?.message ?? e.message);
      // A 400 raised by the framework (a path that does not decode, a built-in parse pipe) is bad input like any other.
      const code = r?.code ?? (status === 400 ? 'invalid_input' : (HttpStatus[status]?.toLowerCase() ?? 'error'));
      const details = r?.details ?? (status === 400 && /decode param/i.test(message) ? [{ field: 'path', reason: 'is not valid percent-encoding' }] : []);
      const body: Unsaid = { statusCode: status, code, message: r?.said ?? nestDefault(status, message) ?? message, details, fromDetails: r?.fromDetails };
      // Health checks answer 503 with the state of each dependency: keep it.
      if (r && typeof r === 'object' && 'info' in r) body.context = { info: r.info, error: r.error };
      return body;
    }
    // Errors of the body parser (http-errors) that json-body.ts leaves: a body too large is the client's, said plainly.
    const http = e as { expose?: boolean; status?: number; type?: string };
    if (http?.expose === true && typeof http.status === 'number' && http.status >= 400 && http.status < 500) {
      if (http.type === 'entity.too.large') return { statusCode: 413, code: 'payload_too_large', message: { key: 'http.payload_too_large' }, details: [] };
      return { statusCode: 400, code: 'invalid_input', message: { key: 'http.invalid_json' }, details: [{ field: 'body', reason: 'could not be read' }] };
    }
    if (e instanceof QueryFailedError) {
      const pg = e.driverError as { code?: string; constraint?: string; detail?: string };
      const known = pg.constraint && CONSTRAINT_FIELDS[pg.constraint] ? { ...CONSTRAINT_FIELDS[pg.constraint], said: { key: `constraint.${pg.constraint}` } } : undefined;
      if (pg.code === '23505') {
        return { statusCode: 409, code: 'duplicate', message: known?.said ?? { key: 'http.duplicate' }, details: known ? [known] : [] };
      }
      if (pg.code === '23503') {
        return { statusCode: 422, code: 'unknown_reference', message: { key: 'http.unknown_reference' }, details: [] };
      }
      if (pg.code === '23514' || pg.code === '23502' || pg.code === '22P02' || pg.code === '22007' || pg.code === '22008') {
        return { statusCode: 422, code: 'constraint_violation', message: { key: 'http.constraint_violation', params: { rule: pg.constraint ?? pg.code } }, details: known ? [known] : [] };
      }
    }
    return { statusCode: 500, code: 'internal_error', message: { key: 'http.internal_error' }, details: [] };
  }
}

/** Nest's own answers (an unknown route, the rate limiter) carry English defaults: the catalogue says them. */
function nestDefault(status: number, message: string): AnyMessage | null {
  if (status === 404 && message.startsWith('Cannot ')) return { key: 'http.route_not_found' };
  if (status === 429) return { key: 'http.too_many_requests' };
  return null;
}

/** The body in the request's language: explicit sentences, else the sentence of the code from the context, else as written. */
function said(b: Unsaid, locale: Locale): ErrorBody {
  const context = b.context ?? {};
  // Not a list of field problems (terminus' health details): passed on as it is.
  if (!Array.isArray(b.details)) return { statusCode: b.statusCode, code: b.code, message: typeof b.message === 'string' ? b.message : say(b.message, locale), details: b.details, ...(b.context ? { context: b.context } : {}) };
  const details = b.details.map((d) => ({ field: d.field, reason: d.said ? say(d.said, locale) : (sayByCode(`${b.code}.${d.field}`, context, locale) ?? d.reason) }));
  let message: string;
  if (b.fromDetails) message = say({ key: 'http.invalid_fields', params: { problems: details.map((d) => say({ key: 'http.field_problem', params: d }, locale)) } }, locale);
  else if (typeof b.message !== 'string') message = sentence(say(b.message, locale));
  else message = sentence(sayByCode(b.code, context, locale) ?? b.message);
  return { statusCode: b.statusCode, code: b.code, message, details, ...(b.context ? { context: b.context } : {}) };
}
