import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisation.entity';
import { DEPARTMENT_CODE } from './create-organisation.dto';

export class OrganisationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS }) @IsOptional() @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ example: '93', description: 'Organisations covering this department' })
  @IsOptional() @Matches(DEPARTMENT_CODE, { message: 'must be an INSEE department code' })
  departmentCode?: string;

  @ApiPropertyOptional({ description: 'Name contains (case-insensitive)' }) @IsOptional() @IsString() @MaxLength(200)
  q?: string;
}
