import type { NextFunction, Request, Response } from 'express';
import { BadInputError } from '../errors/domain-errors';
import { type Message, msg } from '../messages';

/** Far deeper than any body of the API (three levels at most), far shallower than what exhausts a stack. */
export const MAX_BODY_DEPTH = 32;

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

const refused = (reason: string, said: Message) =>
  new BadInputError('invalid_input', `body: ${reason}`, [{ field: 'body', reason, said }]);

/** Whether `value` nests deeper than `limit` objects or arrays; iterative, so no input can exhaust the stack. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

function bodyProblem(req: Request): BadInputError | null {
  const body: unknown = req.body;
  if (body === undefined) {
    // Not parsed: a content type other than JSON (multipart is read by the upload route itself).
    const sent = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (WRITES.has(req.method) && sent && !req.is('multipart/form-data')) return refused('must be JSON, sent with Content-Type: application/json', msg('http.body_not_json'));
  } else if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refused('must be a JSON object', msg('http.body_not_object'));
  } else if (nestsDeeperThan(body, MAX_BODY_DEPTH)) {
    return refused(`must not nest objects or arrays more than ${MAX_BODY_DEPTH} levels deep`, msg('http.body_too_deep', { depth: MAX_BODY_DEPTH }));
  }
  if (req.method === 'PATCH' && (typeof body !== 'object' || body === null || Object.keys(body).length === 0)) {
    return refused('must hold at least one field to change', msg('http.body_empty_patch'));
  }
  return null;
}

/**
 * The body as a whole, checked once parsed and before any handler or validator walks it: JSON, an
 * object, of bounded depth, and for a PATCH not empty. A refusal is the documented invalid_input.
 */
export function checkJsonBody(req: Request, _res: Response, next: NextFunction): void {
  next(bodyProblem(req) ?? undefined);
}

/**
 * The body parser's own refusals: JSON that does not parse (or an unreadable encoding) is invalid_input
 * like any bad field; a body over the limit keeps its 413 (see the exception filter).
 */
export function jsonParseErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.parse.failed') return next(refused('is not valid JSON', msg('http.body_invalid_json')));
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return next(refused('must be JSON encoded in UTF-8', msg('http.body_not_utf8')));
  next(err);
}
