import type { ArgumentMetadata } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FieldProblem } from '../errors/domain-errors';

/**
 * Keys that reach into an object's prototype. class-transformer drops them silently, so without this
 * check `{"__proto__": …}` would pass where any other unknown field is refused.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Route parameters named `id` or `…Id` are UUIDs throughout the API. */
const ID_PARAMETER = /^(id|\w+Id)$/;

/**
 * What no input of any route may hold, whatever its type: a NUL character (PostgreSQL text cannot store
 * it), a prototype key, and, in an id parameter, anything but a UUID. Checked on the raw value, before
 * class-transformer sees it; the body's depth is bounded before (json-body.ts), so the walk is too.
 */
export function craftedInputProblems(value: unknown, metadata: ArgumentMetadata): FieldProblem[] {
  if (metadata.type === 'custom') return uploadProblems(value);
  const problems: FieldProblem[] = [];
  const visit = (v: unknown, field: string) => {
    if (typeof v === 'string') {
      if (v.includes('\u0000')) problems.push({ field: field || metadata.type, reason: 'must not contain a NUL character' });
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    for (const [key, child] of Object.entries(v)) {
      const path = field ? `${field}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) problems.push({ field: path, reason: `property ${key} should not exist` });
      else if (key.includes('\u0000')) problems.push({ field: path, reason: 'must not contain a NUL character' });
      else visit(child, path);
    }
  };
  visit(value, metadata.data ?? '');
  if (!problems.length && metadata.type === 'param' && metadata.data && ID_PARAMETER.test(metadata.data) && !isUUID(value)) {
    problems.push({ field: metadata.data, reason: 'must be a UUID' });
  }
  return problems;
}

/** An uploaded file (multer's) is input too: its name, which the client chose, is stored. */
function uploadProblems(value: unknown): FieldProblem[] {
  const file = value as { fieldname?: unknown; originalname?: unknown } | null;
  if (typeof file?.fieldname !== 'string' || typeof file.originalname !== 'string' || !file.originalname.includes('\u0000')) return [];
  return [{ field: file.fieldname, reason: 'its name must not contain a NUL character' }];
}
