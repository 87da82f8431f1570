import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Request } from 'express';
import { BadInputError } from '../errors/domain-errors';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const MAX_KEY_LENGTH = 255;

/** Reads the optional Idempotency-Key header; refuses an empty or oversized one with 400. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const raw = ctx.switchToHttp().getRequest<Request>().headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  const key = (Array.isArray(raw) ? raw[0] : raw).trim();
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new BadInputError('invalid_input', `${IDEMPOTENCY_HEADER} must be 1 to ${MAX_KEY_LENGTH} characters`, [
      { field: IDEMPOTENCY_HEADER, reason: `must be 1 to ${MAX_KEY_LENGTH} characters` },
    ]);
  }
  return key;
});

/** OpenAPI description of the header, for routes that accept it. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description: 'Any unique string (a UUID). Retrying with the same key and body returns the first answer without writing again; the same key with another body is refused (422 idempotency_key_reused). A key is remembered at least IDEMPOTENCY_KEY_RETENTION_HOURS (24 by default), then deleted by the hourly housekeeping; a retry after that is a new request.',
    }),
  );
