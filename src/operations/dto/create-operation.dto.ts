import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateOperationDto {
  @ApiProperty({ example: 'Ligne 15 Sud' }) @IsString() @IsNotEmpty() @MaxLength(300)
  name: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000)
  description?: string;

  @ApiProperty({ format: 'uuid', description: 'An organisation of kind contracting_authority' }) @IsUUID()
  contractingAuthorityId: string;
}
