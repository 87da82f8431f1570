import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { RESERVATIONS, type Reservation, TARGET_MODES, type TargetMode } from '../clause.entity';
import { IsHours } from '../../common/validation/domain-validators';

/** A share 0..1 held as numeric(5,4): at most four decimals. */
const Share = () => [IsOptional(), IsNumber({ maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false }), Min(0), Max(1)];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/**
 * The terms of a clause. Which fields apply depends on the clause kind and, for insertion hours,
 * on the target mode; the service refuses fields that do not apply (400) and missing ones (422).
 */
export class TermsInput {
  @ApiPropertyOptional({ enum: TARGET_MODES, description: 'insertion_hours only' }) @IsOptional() @IsIn(TARGET_MODES)
  targetMode?: TargetMode;

  @IsOptional() @IsHours({ required: false, description: 'fixed: target hours' })
  fixedHours?: number | string;

  @ApiPropertyOptional({ example: 0.5, minimum: 0, maximum: 1, description: 'formula: share of the amount that is labour' }) @apply(Share())
  labourShare?: number;

  @ApiPropertyOptional({ example: 0.05, minimum: 0, maximum: 1, description: 'formula and percent_of_hours: insertion rate' }) @apply(Share())
  insertionRate?: number;

  @ApiPropertyOptional({ example: 3000, description: 'formula: loaded hourly cost, cents' }) @IsOptional() @IsInt() @Min(1) @Max(2_000_000_000)
  hourlyCostCents?: number;

  @ApiPropertyOptional({ example: 100000, description: 'per_amount_invoiced: one hour per this many cents invoiced' }) @IsOptional() @IsInt() @Min(1) @Max(2_000_000_000)
  centsPerHour?: number;

  @ApiPropertyOptional({ example: 4500, description: 'insertion_hours: penalty per missing hour, cents' }) @IsOptional() @IsInt() @Min(0) @Max(2_000_000_000)
  penaltyCentsPerHour?: number;

  @ApiPropertyOptional({ example: 0.2, minimum: 0, maximum: 1, description: 'sme_share: minimum share executed by SMEs' }) @apply(Share())
  smeMinShare?: number;

  @ApiPropertyOptional({ enum: RESERVATIONS, description: 'reserved: the legal basis' }) @IsOptional() @IsIn(RESERVATIONS)
  reservation?: Reservation;
}
