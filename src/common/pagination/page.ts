import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQuery {
  // Bounded so page × pageSize stays a valid SQL offset (an unbounded page gave a 500).
  @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: 1_000_000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page = 1;
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize = 50;

  get offset(): number {
    return (this.page - 1) * this.pageSize;
  }
}

export class Page<T> {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  items: T[];

  static of<T>(items: T[], total: number, q: PageQuery): Page<T> {
    return Object.assign(new Page<T>(), { items, total, page: q.page, pageSize: q.pageSize });
  }
}
