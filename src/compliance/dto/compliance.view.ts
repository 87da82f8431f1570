import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLAUSE_KINDS, TARGET_MODES } from '../../clauses/clause.entity';
import { CLAUSE_STATUSES } from '../rules/clause-status';

/** One clause at D; which fields are present depends on `kind`. Hours are decimals with 2 places. */
export class ClauseComplianceView {
  @ApiProperty({ format: 'uuid' }) clauseId: string;
  @ApiProperty({ enum: CLAUSE_KINDS }) kind: string;
  @ApiProperty({ enum: CLAUSE_STATUSES }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) label?: string | null;
  @ApiPropertyOptional({ enum: TARGET_MODES, description: 'insertion_hours: terms in force at D' }) targetMode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Effective date of the amendment in force (null: original terms)' }) termsEffectiveFrom?: string | null;
  @ApiPropertyOptional() plannedHoursAtEnd?: number;
  @ApiPropertyOptional({ description: 'fixed/formula: the target in force at D, never pro-rated; accruing modes: what the hours or invoices up to D give' }) plannedHoursToDate?: number;
  @ApiPropertyOptional({ description: 'fixed/formula: planned × elapsed share; accruing modes: the planned hours to date' }) expectedToDate?: number;
  @ApiPropertyOptional({ description: 'Validated hours of eligible assignments' }) realisedHours?: number;
  @ApiPropertyOptional({ description: 'Declared, not yet validated; a correction by its difference with the hours it would replace (may be negative)' }) pendingHours?: number;
  @ApiPropertyOptional({ description: 'Validated hours of non-eligible assignments' }) notEligibleHours?: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) completionRate?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) projectionAtEnd?: number | null;
  @ApiPropertyOptional() shortfallHours?: number;
  @ApiPropertyOptional() penaltyExposureCents?: number;
  @ApiPropertyOptional() fte?: number;
  @ApiPropertyOptional() distinctBeneficiaries?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'sme_share' }) minShare?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Executed by SMEs (each euro once), confirmed ÷ contract amount' }) confirmedShare?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The same from declared, unconfirmed payments (may be negative)' }) declaredShare?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Executed by SMEs, confirmed ÷ invoiced to date' }) progressShare?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'reserved' }) reservation?: string | null;
}

export class ContractComplianceView {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'date' }) at: string;
  @ApiProperty() elapsedShare: number;
  @ApiProperty({ type: [ClauseComplianceView] }) clauses: ClauseComplianceView[];
}

export class NamedRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Société des grands projets' }) name: string;
}

/** Clauses per status (the keys are statuses); only the statuses that occur are present. */
const STATUS_COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class ContractLineView {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty({ type: NamedRefView }) contractingAuthority: NamedRefView;
  @ApiProperty() plannedHoursAtEnd: number;
  @ApiProperty() realisedHours: number;
  @ApiProperty({ type: Number, nullable: true }) completionRate: number | null;
  @ApiProperty({ type: [ClauseComplianceView] }) clauses: ClauseComplianceView[];
}

export class ContractLinePage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [ContractLineView] }) items: ContractLineView[];
}

export class InsertionTotalsView {
  @ApiProperty() clauseCount: number;
  @ApiProperty({ ...STATUS_COUNTS, description: 'Clauses per status' }) byStatus: Record<string, number>;
  @ApiProperty() plannedHoursAtEnd: number;
  @ApiProperty() plannedHoursToDate: number;
  @ApiProperty() realisedHours: number;
  @ApiProperty() pendingHours: number;
  @ApiProperty() notEligibleHours: number;
  @ApiProperty() fte: number;
  @ApiProperty({ description: 'People with validated eligible hours in the scope, each counted once' }) distinctBeneficiaries: number;
}

export class SmeTotalsView {
  @ApiProperty() clauseCount: number;
  @ApiProperty({ ...STATUS_COUNTS, description: 'Clauses per status' }) byStatus: Record<string, number>;
}

export class ScopeRefView {
  @ApiProperty({ enum: ['contracting_authority', 'department', 'region'] }) kind: string;
  @ApiProperty({ example: '93', description: 'The authority\'s id, or the INSEE code' }) id: string;
  @ApiProperty({ example: 'Seine-Saint-Denis' }) name: string;
}

export class ScopeComplianceView {
  @ApiProperty({ type: ScopeRefView }) scope: ScopeRefView;
  @ApiProperty({ format: 'date' }) at: string;
  @ApiProperty() contractCount: number;
  @ApiProperty({ type: InsertionTotalsView }) insertion: InsertionTotalsView;
  @ApiProperty({ type: SmeTotalsView }) sme: SmeTotalsView;
  @ApiProperty() reservedClauseCount: number;
  @ApiProperty({ type: [ContractLineView] }) contracts: ContractLineView[];
}
