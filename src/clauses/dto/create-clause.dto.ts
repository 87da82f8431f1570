import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CLAUSE_KINDS, type ClauseKind } from '../clause.entity';
import { TermsInput } from './terms-input.dto';

export class CreateClauseDto extends TermsInput {
  @ApiProperty({ enum: CLAUSE_KINDS }) @IsIn(CLAUSE_KINDS)
  kind: ClauseKind;

  @ApiPropertyOptional({ example: 'Article 9 du CCAP' }) @IsOptional() @IsString() @MaxLength(300)
  label?: string;
}
