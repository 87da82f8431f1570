import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { SOCIAL_CONSIDERATIONS } from '../contract.entity';

export class UpdateContractDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500)
  title?: string;

  @IsOptional() @IsIsoDate({ required: false, description: 'On or after the start date' })
  endDate?: string;

  @ApiPropertyOptional({ description: 'Integer cents' }) @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  amountCents?: number;

  @IsOptional() @IsIsoDate({ required: false })
  notificationDate?: string;

  @ApiPropertyOptional({ enum: SOCIAL_CONSIDERATIONS, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(4) @IsIn(SOCIAL_CONSIDERATIONS, { each: true })
  socialConsiderations?: string[];
}
