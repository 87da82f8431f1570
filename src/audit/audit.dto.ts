import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination/page';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'hours_statements', description: 'Table written' }) @IsOptional() @Matches(/^[a-z_]{1,63}$/, { message: 'must be a table name' })
  entity?: string;

  @ApiPropertyOptional({ description: 'Id of the row (with entity)' }) @IsOptional() @IsString() @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'From this instant (included)' }) @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'Before this instant (excluded)' }) @IsOptional() @IsISO8601()
  to?: string;
}

export class AuditEntryView {
  @ApiProperty({ example: '1234', description: 'Increasing: the order of the writes' }) id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorRole: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorOrganisationId: string | null;
  @ApiProperty({ description: "The user's email (\"[hidden]\" for regional staff, who read no account), or what part of the service wrote (system:demo-data, system:worker...)" })
  actorLabel: string;
  @ApiProperty({ enum: ['insert', 'update', 'delete'] }) action: string;
  @ApiProperty() entity: string;
  @ApiProperty() entityId: string;
  @ApiProperty({
    type: Object, nullable: true,
    description: 'The row before (null for an insert); identities never appear, and a column the reader could not read through the API shows as "[hidden]"',
  })
  before: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true, description: 'The row after (null for a delete)' }) after: Record<string, unknown> | null;
  @ApiProperty({ type: [String], nullable: true, description: 'For an update, the columns that changed' }) changedColumns: string[] | null;
  @ApiProperty({ type: [String] }) scopeDepartments: string[];
}

export class AuditPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
}
