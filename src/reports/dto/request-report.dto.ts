import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { IsIsoDate, IsMonth } from '../../common/validation/domain-validators';

export class ReportScopeDto {
  @ApiProperty({ enum: ['department', 'region'] }) @IsIn(['department', 'region'])
  kind: 'department' | 'region';
  @ApiProperty({ example: '93', description: 'INSEE code of the department or region' })
  @IsString() @Matches(/^[0-9][0-9AB][0-9]?$/, { message: 'must be an INSEE department or region code' })
  code: string;
}

/** Exactly one of: {from, to}, {month}, {quarter}, {year}. */
export class ReportPeriodDto {
  @IsOptional() @IsIsoDate({ required: false, description: 'First day, with `to`' }) from?: string;
  @IsOptional() @IsIsoDate({ required: false, description: 'Last day (included), with `from`' }) to?: string;
  @IsOptional() @IsMonth({ required: false }) month?: string;
  @ApiPropertyOptional({ example: '2026-Q3' }) @IsOptional() @Matches(/^\d{4}-Q[1-4]$/, { message: 'must be a quarter YYYY-Q1..Q4' })
  quarter?: string;
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @IsInt()
  year?: number;
}

/** IsObject: ValidateNested alone lets an empty array through, with nothing inside to validate. */
export class RequestReportDto {
  @ApiProperty({ type: ReportScopeDto }) @IsObject() @ValidateNested() @Type(() => ReportScopeDto)
  scope: ReportScopeDto;
  @ApiProperty({ type: ReportPeriodDto }) @IsObject() @ValidateNested() @Type(() => ReportPeriodDto)
  period: ReportPeriodDto;
}
