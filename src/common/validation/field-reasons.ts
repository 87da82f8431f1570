import type { ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type AnyMessage, isMessageKey, keyOfEnglish } from '../messages';

/** The parameters of each constraint's sentence (`field.<name>`), from the arguments its decorator was given. */
const PARAMS: Record<string, (args: unknown[]) => object> = {
  isIn: (a) => ({ values: a[0] }),
  isEnum: (a) => ({ values: Object.values(a[0] as object) }),
  min: (a) => ({ min: a[0] }),
  max: (a) => ({ max: a[0] }),
  maxLength: (a) => ({ max: a[0] }),
  minLength: (a) => ({ min: a[0] }),
  isLength: (a) => ({ min: a[0], max: a[1] }),
  arrayMaxSize: (a) => ({ max: a[0] }),
  arrayMinSize: (a) => ({ min: a[0] }),
  isOnOrAfter: (a) => ({ other: a[0] }),
};

/**
 * The sentence of the catalogue that says why a field broke `constraint`: the DTO's own sentence found
 * by its English (`@Matches(re, { message })`), else the constraint's (`field.isIn` with its values,
 * read from class-validator's metadata); null when the catalogue has neither (the English stays).
 */
export function fieldReason(e: ValidationError, constraint: string, english: string): AnyMessage | null {
  const own = keyOfEnglish(english);
  if (own) return { key: own };
  const key = `field.${constraint}`;
  if (!isMessageKey(key)) return null;
  const params = PARAMS[constraint];
  if (!params) return { key };
  const args = constraintArgs(e, constraint);
  return args ? { key, params: params(args) } : null;
}

function constraintArgs(e: ValidationError, constraint: string): unknown[] | null {
  const target = e.target?.constructor;
  if (!target) return null;
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === e.property && m.name === constraint);
  return meta?.constraints ?? null;
}
