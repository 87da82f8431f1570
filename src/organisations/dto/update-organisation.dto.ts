import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { COMPANY_SIZES, type CompanySize, INCLUSION_TYPES, type InclusionType } from '../organisation.entity';
import { DEPARTMENT_CODE } from './create-organisation.dto';

/** May be left out, but not sent as null: these fields cannot be cleared. */
const PresentOrAbsent = () => ValidateIf((_, v) => v !== undefined);

/** Kind and SIRET identify the organisation and are not changed here. */
export class UpdateOrganisationDto {
  @ApiPropertyOptional() @PresentOrAbsent() @IsString() @IsNotEmpty() @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ enum: COMPANY_SIZES, description: 'Companies only' }) @PresentOrAbsent() @IsIn(COMPANY_SIZES)
  size?: CompanySize;

  @ApiPropertyOptional({ enum: INCLUSION_TYPES, description: 'Companies only' }) @PresentOrAbsent() @IsIn(INCLUSION_TYPES)
  inclusionType?: InclusionType;

  @ApiPropertyOptional({ type: [String], example: ['93'] })
  @PresentOrAbsent() @IsArray() @ArrayMaxSize(120) @Matches(DEPARTMENT_CODE, { each: true, message: 'each must be an INSEE department code' })
  departmentCodes?: string[];
}
