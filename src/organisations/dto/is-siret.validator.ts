import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Matches, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { isValidSiret } from '../siret';

@ValidatorConstraint({ name: 'siretCheckDigit' })
class SiretCheckDigit implements ValidatorConstraintInterface {
  // Format is reported by @Matches; only a 14-digit value gets the check-digit reason.
  validate(v: unknown) {
    return typeof v !== 'string' || !/^\d{14}$/.test(v) || isValidSiret(v);
  }
  defaultMessage() {
    return 'fails the SIRET check digit';
  }
}

/** 14 digits, Luhn-checked (La Poste's exception included). */
export const IsSiret = () =>
  applyDecorators(
    Matches(/^\d{14}$/, { message: 'must be 14 digits' }),
    Validate(SiretCheckDigit),
    ApiProperty({ example: '73282932000074', description: '14 digits, Luhn-checked' }),
  );
