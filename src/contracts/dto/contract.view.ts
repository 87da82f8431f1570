import { ApiProperty } from '@nestjs/swagger';
import { ClauseViewDoc } from '../../clauses/dto/clause.view';
import { COMPANY_SIZES } from '../../organisations/organisation.entity';
import { PARTY_ROLES, SOCIAL_CONSIDERATIONS } from '../contract.entity';

export class ContractView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '45000000-7' }) cpvCode: string;
  @ApiProperty({ format: 'uuid' }) contractingAuthorityId: string;
  @ApiProperty({ format: 'uuid' }) holderId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) operationId: string | null;
  @ApiProperty({ description: 'Excluding tax, integer cents' }) amountCents: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) notificationDate: string | null;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ example: '93' }) executionDepartmentCode: string;
  @ApiProperty({ enum: SOCIAL_CONSIDERATIONS, isArray: true }) socialConsiderations: string[];
  @ApiProperty() createdAt: Date;
}

export class PartyViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) companyId: string;
  @ApiProperty() companyName: string;
  @ApiProperty({ enum: COMPANY_SIZES, nullable: true, type: String }) companySize: string | null;
  @ApiProperty({ enum: PARTY_ROLES }) role: string;
  @ApiProperty({ type: Number, nullable: true }) subcontractedAmountCents: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) declaredOn: string | null;
}

export class ContractDetailView extends ContractView {
  @ApiProperty({ type: [PartyViewDoc] }) parties: PartyViewDoc[];
  @ApiProperty({ type: [ClauseViewDoc] }) clauses: ClauseViewDoc[];
}

export class ContractPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [ContractView] }) items: ContractView[];
}
