import { ApiProperty } from '@nestjs/swagger';
import { CLAUSE_KINDS, RESERVATIONS, TARGET_MODES } from '../clause.entity';

export class TermsViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'null for the original terms' }) effectiveFrom: string | null;
  @ApiProperty({ enum: TARGET_MODES, nullable: true, type: String }) targetMode: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 12000.5, description: 'hours, decimal' }) fixedHours: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.5 }) labourShare: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.05 }) insertionRate: number | null;
  @ApiProperty({ type: Number, nullable: true }) hourlyCostCents: number | null;
  @ApiProperty({ type: Number, nullable: true }) centsPerHour: number | null;
  @ApiProperty({ type: Number, nullable: true }) penaltyCentsPerHour: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.2 }) smeMinShare: number | null;
  @ApiProperty({ enum: RESERVATIONS, nullable: true, type: String }) reservation: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() createdAt: Date;
}

export class ClauseViewDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ enum: CLAUSE_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: TermsViewDoc, description: 'The terms in force today' }) currentTerms: TermsViewDoc;
  @ApiProperty({ type: [TermsViewDoc], description: 'Original terms, then each amendment by effective date' }) terms: TermsViewDoc[];
}
