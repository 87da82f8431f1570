import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COMPANY_SIZES, type CompanySize, INCLUSION_TYPES, type InclusionType, ORGANISATION_KINDS, type OrganisationKind } from '../organisation.entity';
import { IsSiret } from './is-siret.validator';

export const DEPARTMENT_CODE = /^(\d{2}|2A|2B|\d{3})$/;

export class CreateOrganisationDto {
  @ApiProperty({ enum: ORGANISATION_KINDS }) @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiProperty({ example: 'Établissement public territorial Plaine Commune' }) @IsString() @IsNotEmpty() @MaxLength(300)
  name: string;

  @IsSiret()
  siret: string;

  @ApiPropertyOptional({ enum: COMPANY_SIZES, description: 'Required for a company (micro, small and medium are SMEs); refused otherwise' })
  @IsOptional() @IsIn(COMPANY_SIZES)
  size?: CompanySize;

  @ApiPropertyOptional({ enum: INCLUSION_TYPES, default: 'none', description: 'Companies only' })
  @IsOptional() @IsIn(INCLUSION_TYPES)
  inclusionType?: InclusionType;

  @ApiPropertyOptional({ type: [String], example: ['93', '95'], description: 'INSEE codes of the departments covered' })
  @IsOptional() @IsArray() @ArrayMaxSize(120) @Matches(DEPARTMENT_CODE, { each: true, message: 'each must be an INSEE department code' })
  departmentCodes?: string[];

  @ApiPropertyOptional({ example: '11', description: 'INSEE region code: required for a regional mission, refused otherwise' })
  @IsOptional() @IsString() @MaxLength(3)
  regionCode?: string;
}
