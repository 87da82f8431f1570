import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** An INSEE commune code: five digits, or 2A/2B and three digits in Corsica. */
export const IsCommuneCode = (opts: { required?: boolean } = {}) =>
  applyDecorators(
    Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'must be an INSEE commune code (5 characters, e.g. 93066)' }),
    (opts.required === false ? ApiPropertyOptional : ApiProperty)({ type: String, example: '93066', description: 'INSEE code of the commune of residence' }),
  );
