import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { SOCIAL_CONSIDERATIONS } from '../contract.entity';

/** May be left out, but not sent as null: these fields cannot be cleared. */
const PresentOrAbsent = () => ValidateIf((_, v) => v !== undefined);

export class UpdateContractDto {
  @ApiPropertyOptional() @PresentOrAbsent() @IsString() @IsNotEmpty() @MaxLength(500)
  title?: string;

  @PresentOrAbsent() @IsIsoDate({ required: false, description: 'On or after the start date' })
  endDate?: string;

  @ApiPropertyOptional({ description: 'Integer cents' }) @PresentOrAbsent() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  amountCents?: number;

  @IsOptional() @IsIsoDate({ required: false, description: 'null clears it' })
  notificationDate?: string | null;

  @ApiPropertyOptional({ enum: SOCIAL_CONSIDERATIONS, isArray: true })
  @PresentOrAbsent() @IsArray() @ArrayMaxSize(4) @IsIn(SOCIAL_CONSIDERATIONS, { each: true })
  socialConsiderations?: string[];
}
