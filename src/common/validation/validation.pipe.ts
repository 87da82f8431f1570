import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from '../errors/domain-errors';
import { craftedInputProblems } from './crafted-input';
import { fieldReason } from './field-reasons';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, reason]) => ({ field, reason, said: fieldReason(e, constraint, reason) ?? undefined }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export const invalidInput = (details: FieldProblem[]) =>
  new BadRequestException({ code: 'invalid_input', message: details.map((d) => `${d.field}: ${d.reason}`).join('; '), details, fromDetails: true });

/** Every route's parameters, query and body: crafted input refused first (crafted-input.ts), then the DTO's rules. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problems = craftedInputProblems(value, metadata);
    if (problems.length) throw invalidInput(problems);
    return super.transform(value, metadata);
  }
}

/** Unknown fields refused, types converted, every problem reported with its field (the reasons said by the exception filter). */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target lets a reason find its constraint's arguments (IsIn's values); it never leaves the factory.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => invalidInput(flatten(errors)),
  });
}
