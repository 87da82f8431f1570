import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { SOCIAL_CONSIDERATIONS } from '../contract.entity';
import { PartyInput } from './party-input.dto';

export const CPV_CODE = /^[0-9]{8}(-[0-9])?$/;

export class CreateContractDto {
  @ApiProperty({ example: '2026-L15S-T2A' }) @IsString() @IsNotEmpty() @MaxLength(100)
  reference: string;

  @ApiProperty({ example: 'Génie civil du lot T2A' }) @IsString() @IsNotEmpty() @MaxLength(500)
  title: string;

  @ApiProperty({ example: '45000000-7', description: 'CPV code: 8 digits, optional check digit' }) @Matches(CPV_CODE, { message: 'must be a CPV code like 45000000 or 45000000-7' })
  cpvCode: string;

  @ApiProperty({ format: 'uuid', description: 'An organisation of kind contracting_authority' }) @IsUUID()
  contractingAuthorityId: string;

  @ApiProperty({ format: 'uuid', description: 'An organisation of kind company' }) @IsUUID()
  holderId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An operation of the same contracting authority' }) @IsOptional() @IsUUID()
  operationId?: string;

  @ApiProperty({ example: 100_000_000, description: 'Amount excluding tax, integer cents' }) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  amountCents: number;

  @IsOptional() @IsIsoDate({ required: false })
  notificationDate?: string;

  @IsIsoDate()
  startDate: string;

  @IsIsoDate({ description: 'On or after startDate' })
  endDate: string;

  @ApiProperty({ example: '93', description: 'INSEE code of the execution department' }) @IsString() @Matches(/^[0-9AB]{2,3}$/, { message: 'must be an INSEE department code' })
  executionDepartmentCode: string;

  @ApiPropertyOptional({ enum: SOCIAL_CONSIDERATIONS, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(4) @IsIn(SOCIAL_CONSIDERATIONS, { each: true })
  socialConsiderations?: string[];

  @ApiPropertyOptional({ type: [PartyInput], description: 'Co-contractors and declared subcontractors, written with the contract or not at all' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => PartyInput)
  parties?: PartyInput[];
}
