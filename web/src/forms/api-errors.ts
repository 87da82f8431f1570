import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, errorMessage } from '../api/errors';

/**
 * Puts the API's verdict on a form: each `details[].field` that names one of the form's fields goes
 * beside that field; the message (and any detail no field shows) is returned for the form's alert.
 * The API is the one place that validates: the browser only shows what it said.
 */
export function showApiErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly Path<T>[]): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const elsewhere: string[] = [];
  let first = true;
  for (const { field, reason } of error.details) {
    if ((fields as readonly string[]).includes(field)) {
      setError(field as Path<T>, { type: 'api', message: reason }, { shouldFocus: first });
      first = false;
    } else {
      elsewhere.push(`${field} : ${reason}`);
    }
  }
  return [error.message, ...elsewhere].join(' — ');
}
