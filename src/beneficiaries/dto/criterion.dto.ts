import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { CRITERIA } from '../beneficiary.entity';
import type { Criterion } from '../beneficiary.entity';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { IsOnOrAfter } from './is-on-or-after';

/** One eligibility criterion as the facilitator records it. */
export class CriterionInput {
  @ApiProperty({ enum: CRITERIA, example: 'RSA' }) @IsIn(CRITERIA)
  criterion: Criterion;

  @IsIsoDate({ description: 'Day the criterion was checked' })
  validatedOn: string;

  @ApiProperty({ example: 'Conseillère PLIE Plaine Commune', description: 'Who validated it (a person or a role at the validating body)' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  validatedBy: string;

  @IsIsoDate({ required: false, description: 'Last day the criterion holds; absent when open-ended' })
  @IsOptional() @IsOnOrAfter('validatedOn')
  validUntil?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Sortie de détention, validé par le SPIP', description: 'Required for OTHER_VALIDATED' })
  @ValidateIf((o: CriterionInput) => o.criterion === 'OTHER_VALIDATED' || (o.reason !== undefined && o.reason !== null))
  @IsString() @Matches(/\S/, { message: 'a written reason is required for OTHER_VALIDATED' }) @MaxLength(2000)
  reason?: string | null;
}
