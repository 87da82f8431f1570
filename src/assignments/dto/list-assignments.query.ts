import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IsIsoDate } from '../../common/validation/domain-validators';
import { MODALITIES } from '../assignment.entity';
import type { Modality } from '../assignment.entity';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListAssignmentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  contractId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  beneficiaryId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  employerId?: string;

  @ApiPropertyOptional({ enum: MODALITIES }) @IsOptional() @IsIn(MODALITIES)
  modality?: Modality;

  @ApiPropertyOptional({ type: Boolean, description: 'Only eligible (true) or only flagged non-eligible (false) assignments' })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  eligible?: boolean;

  @IsIsoDate({ required: false, description: 'Assignments running on this day' }) @IsOptional()
  activeOn?: string;
}
