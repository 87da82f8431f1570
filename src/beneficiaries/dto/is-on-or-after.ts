import { registerDecorator, ValidationArguments } from 'class-validator';

/**
 * A date field that, when both are given, must not be before another date field of the same object
 * (an end after its start). ISO dates compare correctly as strings.
 */
export function IsOnOrAfter(otherField: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isOnOrAfter',
      target: target.constructor,
      propertyName,
      constraints: [otherField],
      options: { message: `must be on or after ${otherField}` },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[otherField];
          if (value === undefined || value === null || typeof other !== 'string' || typeof value !== 'string') return true;
          return value >= other;
        },
      },
    });
}
