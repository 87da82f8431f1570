import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { EDUCATION_LEVELS } from '../beneficiary.entity';
import type { EducationLevel } from '../beneficiary.entity';
import { IsCommuneCode } from './is-commune-code';

/** What may change about a person after registration; null clears an optional field. */
export class UpdateBeneficiaryDto {
  @IsCommuneCode({ required: false })
  @IsOptional()
  communeCode?: string | null;

  @ApiPropertyOptional() @ValidateIf((o: UpdateBeneficiaryDto) => o.qpvResident !== undefined) @IsBoolean()
  qpvResident?: boolean;

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, nullable: true }) @IsOptional() @IsIn(EDUCATION_LEVELS)
  educationLevel?: EducationLevel | null;
}
