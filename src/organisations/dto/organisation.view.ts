import { ApiProperty } from '@nestjs/swagger';
import { COMPANY_SIZES, INCLUSION_TYPES, ORGANISATION_KINDS } from '../organisation.entity';

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty() siret: string;
  @ApiProperty({ enum: COMPANY_SIZES, nullable: true, type: String }) size: string | null;
  @ApiProperty({ enum: INCLUSION_TYPES }) inclusionType: string;
  @ApiProperty({ type: [String] }) departmentCodes: string[];
  @ApiProperty({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty() createdAt: Date;
}

export class OrganisationPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [OrganisationView] }) items: OrganisationView[];
}
