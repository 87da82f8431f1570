import { IsOptional } from 'class-validator';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { IsRomeCode, IsWeeklyHours } from './assignment-validators';

/** What may change during an assignment; null clears a field. */
export class UpdateAssignmentDto {
  @IsIsoDate({ required: false, description: 'Last day of work; on or after the start date' }) @IsOptional()
  endDate?: string | null;

  @IsWeeklyHours() @IsOptional()
  plannedWeeklyHours?: number | string | null;

  @IsRomeCode() @IsOptional()
  romeCode?: string | null;
}
