import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from '../errors/domain-errors';
import { fieldReason } from './field-reasons';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, reason]) => ({ field, reason, said: fieldReason(e, constraint, reason) ?? undefined }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Unknown fields refused, types converted, every problem reported with its field (the reasons said by the exception filter). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target lets a reason find its constraint's arguments (IsIn's values); it never leaves the factory.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new BadRequestException({ code: 'invalid_input', message: details.map((d) => `${d.field}: ${d.reason}`).join('; '), details, fromDetails: true });
    },
  });
}
