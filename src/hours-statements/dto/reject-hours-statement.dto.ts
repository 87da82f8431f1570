import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, Matches } from 'class-validator';

export class RejectHoursStatementDto {
  @ApiProperty({ example: 'Hours do not match the payslip' })
  @IsString() @IsNotEmpty() @Matches(/\S/, { message: 'must not be blank' }) @MaxLength(2000)
  reason: string;
}
