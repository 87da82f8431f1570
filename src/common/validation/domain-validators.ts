import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { isIsoDate } from '../units/calendar';
import { hoursToX100 } from '../units/hours';

@ValidatorConstraint({ name: 'isoDate' })
class IsoDateConstraint implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return typeof v === 'string' && isIsoDate(v);
  }
  defaultMessage() {
    return 'must be a date YYYY-MM-DD';
  }
}

@ValidatorConstraint({ name: 'hours' })
class HoursConstraint implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return (typeof v === 'number' || typeof v === 'string') && hoursToX100(v) !== null;
  }
  defaultMessage() {
    return 'must be a number of hours ≥ 0 with at most 2 decimal places';
  }
}

/** A calendar date, YYYY-MM-DD (real dates only: 2026-02-30 is refused). */
export const IsIsoDate = (opts: { required?: boolean; description?: string } = {}) =>
  applyDecorators(
    Validate(IsoDateConstraint),
    (opts.required === false ? ApiPropertyOptional : ApiProperty)({ type: String, format: 'date', example: '2026-06-30', description: opts.description }),
  );

/** A calendar month, YYYY-MM. */
export const IsMonth = (opts: { required?: boolean; description?: string } = {}) =>
  applyDecorators(
    Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month YYYY-MM' }),
    (opts.required === false ? ApiPropertyOptional : ApiProperty)({ type: String, example: '2026-03', description: opts.description }),
  );

/** Hours as a decimal with at most two places, e.g. 151.67 (held as integer hundredths). */
export const IsHours = (opts: { required?: boolean; description?: string } = {}) =>
  applyDecorators(
    Validate(HoursConstraint),
    (opts.required === false ? ApiPropertyOptional : ApiProperty)({ type: Number, example: 151.67, description: opts.description }),
  );
