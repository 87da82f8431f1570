import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { TermsInput } from './terms-input.dto';

/** A new target from a date: the complete terms for the mode, never a partial patch. */
export class AmendClauseDto extends TermsInput {
  @IsIsoDate({ description: 'The new terms apply on and after this date (within the contract dates)' })
  effectiveFrom: string;

  @ApiProperty({ example: 'Avenant n°2: objectif porté à 10 %' }) @IsString() @IsNotEmpty() @MaxLength(2000)
  reason: string;
}
