import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class DepartmentQuery {
  @ApiPropertyOptional({ example: '11', description: 'INSEE region code: only the departments of this region' })
  @IsOptional() @Matches(/^[0-9]{2,3}$/, { message: 'must be an INSEE region code' })
  regionCode?: string;
}
