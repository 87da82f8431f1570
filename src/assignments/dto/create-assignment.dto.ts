import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { MODALITIES } from '../assignment.entity';
import type { Modality } from '../assignment.entity';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { IsOnOrAfter } from '../../beneficiaries/dto/is-on-or-after';
import { IsRomeCode, IsWeeklyHours } from './assignment-validators';

export class CreateAssignmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID()
  beneficiaryId: string;

  @ApiProperty({ format: 'uuid' }) @IsUUID()
  contractId: string;

  @ApiProperty({ format: 'uuid', description: 'The company employing the person (holder, subcontractor, ETTI, GEIQ...)' }) @IsUUID()
  employerId: string;

  @ApiProperty({ enum: MODALITIES }) @IsIn(MODALITIES)
  modality: Modality;

  @IsIsoDate({ description: 'First day of work; must fall within the contract dates' })
  startDate: string;

  @IsIsoDate({ required: false, description: 'Last day of work, when known' })
  @IsOptional() @IsOnOrAfter('startDate')
  endDate?: string | null;

  @IsRomeCode() @IsOptional()
  romeCode?: string | null;

  @IsWeeklyHours() @IsOptional()
  plannedWeeklyHours?: number | string | null;
}
