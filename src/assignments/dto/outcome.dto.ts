import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OUTCOMES } from '../assignment.entity';
import type { Outcome } from '../assignment.entity';

/** The exit outcome and the one six months later; PUT replaces both (absent means not known). */
export class OutcomeDto {
  @ApiPropertyOptional({ enum: OUTCOMES, nullable: true }) @IsOptional() @IsIn(OUTCOMES)
  exitOutcome?: Outcome | null;

  @ApiPropertyOptional({ enum: OUTCOMES, nullable: true }) @IsOptional() @IsIn(OUTCOMES)
  outcomeAfterSixMonths?: Outcome | null;
}
