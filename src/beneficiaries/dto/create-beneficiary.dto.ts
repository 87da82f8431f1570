import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { EDUCATION_LEVELS, SEXES } from '../beneficiary.entity';
import type { EducationLevel, Sex } from '../beneficiary.entity';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { CriterionInput } from './criterion.dto';
import { IsCommuneCode } from './is-commune-code';

export class CreateBeneficiaryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The facilitator structure registering the person: the caller's own (the default)" })
  @IsOptional() @IsUUID()
  registeredById?: string;

  @ApiProperty({ example: 'Dupont' }) @IsString() @IsNotEmpty() @MaxLength(100)
  lastName: string;

  @ApiProperty({ example: 'Élodie' }) @IsString() @IsNotEmpty() @MaxLength(100)
  firstName: string;

  @IsIsoDate({ description: 'Birth date' })
  birthDate: string;

  @ApiProperty({ enum: SEXES }) @IsIn(SEXES)
  sex: Sex;

  @IsCommuneCode({ required: false })
  @IsOptional()
  communeCode?: string | null;

  @ApiProperty({ description: 'Lives in a priority neighbourhood (QPV)' }) @IsBoolean()
  qpvResident: boolean;

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS }) @IsOptional() @IsIn(EDUCATION_LEVELS)
  educationLevel?: EducationLevel | null;

  @ApiPropertyOptional({ type: [CriterionInput] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => CriterionInput)
  criteria?: CriterionInput[];
}
