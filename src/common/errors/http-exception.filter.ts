import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { Response } from 'express';
import { DomainError, FieldProblem, TooManyRequestsError } from './domain-errors';
import { ErrorBody } from './error-body';

/** PostgreSQL constraint names the clients should see as plain field problems. */
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

/** Maps every error to the one ErrorBody shape; never leaks a stack trace or SQL. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (exception instanceof TooManyRequestsError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    // Logged for the operators, never returned: the body carries no stack, SQL or values. A 503 raised
    // on purpose (a DomainError: Redis away) is not a defect, and its cause is logged once where it is known.
    if (body.statusCode >= 500 && !(exception instanceof HttpException) && !(exception instanceof DomainError)) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(e: unknown): ErrorBody {
    if (e instanceof DomainError) {
      return { statusCode: e.status, code: e.code, message: e.message, details: e.details, ...(Object.keys(e.extra).length ? { context: e.extra } : {}) };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse() as { details?: FieldProblem[]; message?: string | string[]; code?: string; info?: unknown; error?: unknown };
      const message = Array.isArray(r?.message) ? r.message.join('; ') : (r?.message ?? e.message);
      // A 400 raised by the framework (a path that does not decode, a built-in parse pipe) is bad input like any other.
      const code = r?.code ?? (status === 400 ? 'invalid_input' : (HttpStatus[status]?.toLowerCase() ?? 'error'));
      const details = r?.details ?? (status === 400 && /decode param/i.test(message) ? [{ field: 'path', reason: 'is not valid percent-encoding' }] : []);
      const body: ErrorBody = { statusCode: status, code, message, details };
      // Health checks answer 503 with the state of each dependency: keep it.
      if (r && typeof r === 'object' && 'info' in r) body.context = { info: r.info, error: r.error };
      return body;
    }
    // Errors of the body parser (http-errors) that json-body.ts leaves: a body too large is the client's, said plainly.
    const http = e as { expose?: boolean; status?: number; type?: string };
    if (http?.expose === true && typeof http.status === 'number' && http.status >= 400 && http.status < 500) {
      if (http.type === 'entity.too.large') return { statusCode: 413, code: 'payload_too_large', message: 'The request body is too large (at most 1 MB of JSON)', details: [] };
      return { statusCode: 400, code: 'invalid_input', message: 'The request body could not be read', details: [{ field: 'body', reason: 'could not be read' }] };
    }
    if (e instanceof QueryFailedError) {
      const pg = e.driverError as { code?: string; constraint?: string; detail?: string };
      const known = pg.constraint ? CONSTRAINT_FIELDS[pg.constraint] : undefined;
      if (pg.code === '23505') {
        return { statusCode: 409, code: 'duplicate', message: known?.reason ?? 'already exists', details: known ? [known] : [] };
      }
      if (pg.code === '23503') {
        return { statusCode: 422, code: 'unknown_reference', message: 'refers to a record that does not exist or is still in use', details: [] };
      }
      if (pg.code === '23514' || pg.code === '23502' || pg.code === '22P02' || pg.code === '22007' || pg.code === '22008') {
        return { statusCode: 422, code: 'constraint_violation', message: `rejected by the database rule ${pg.constraint ?? pg.code}`, details: known ? [known] : [] };
      }
    }
    return { statusCode: 500, code: 'internal_error', message: 'Internal server error', details: [] };
  }
}
