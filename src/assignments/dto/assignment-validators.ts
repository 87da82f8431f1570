import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { hoursToX100 } from '../../common/units/hours';

/** Legal maximum of a working week in France (Code du travail L3121-20). */
export const MAX_WEEKLY_HOURS_X100 = 4800;

@ValidatorConstraint({ name: 'weeklyHours' })
class WeeklyHoursConstraint implements ValidatorConstraintInterface {
  validate(v: unknown) {
    const x100 = typeof v === 'number' || typeof v === 'string' ? hoursToX100(v) : null;
    return x100 !== null && x100 <= MAX_WEEKLY_HOURS_X100;
  }
  defaultMessage() {
    return 'must be a number of hours between 0 and 48 with at most 2 decimal places';
  }
}

export const IsWeeklyHours = () =>
  applyDecorators(Validate(WeeklyHoursConstraint), ApiPropertyOptional({ type: Number, example: 35, description: 'Planned hours per week, 0 to 48' }));

/** A ROME job code (France Travail): a letter A–N and four digits. */
export const IsRomeCode = () =>
  applyDecorators(
    Matches(/^[A-N]\d{4}$/, { message: 'must be a ROME code: a letter A-N and 4 digits, e.g. F1703' }),
    ApiPropertyOptional({ type: String, example: 'F1703' }),
  );
