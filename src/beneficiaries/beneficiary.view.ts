import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGE_BANDS, ageBand } from '../compliance/rules/age-band';
import type { AgeBand } from '../compliance/rules/age-band';
import { Beneficiary, CRITERIA, EDUCATION_LEVELS, EligibilityCriterion, SEXES } from './beneficiary.entity';
import type { Criterion, EducationLevel, Sex } from './beneficiary.entity';
import type { Identity } from './person-key';

export class CriterionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CRITERIA }) criterion: Criterion;
  @ApiProperty({ format: 'date' }) validatedOn: string;
  @ApiProperty() validatedBy: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) validUntil: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;

  static of(c: EligibilityCriterion): CriterionView {
    return Object.assign(new CriterionView(), {
      id: c.id, criterion: c.criterion, validatedOn: c.validatedOn, validatedBy: c.validatedBy, validUntil: c.validUntil, reason: c.reason,
    });
  }
}

/** Who the person is: shown only to the facilitator structure that registered them. */
export class IdentityView {
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiProperty({ format: 'date' }) birthDate: string;
}

/**
 * A beneficiary as the caller may see them. Everyone in scope sees the pseudonymous code, sex, age
 * band, QPV flag and criteria; the registering structure also sees the identity, birth year, commune
 * and education level (absent for everyone else).
 */
export class BeneficiaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'B-3F2A91C0DE', description: 'Pseudonymous code, the same for one person across structures (an erased registration gets a random one)' }) code: string;
  @ApiProperty({ format: 'uuid' }) registeredById: string;
  @ApiProperty({ enum: SEXES }) sex: Sex;
  @ApiProperty({ enum: AGE_BANDS, description: 'Age band this year (under 26, 26-49, 50 and over)' }) ageBand: AgeBand;
  @ApiProperty() qpvResident: boolean;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiPropertyOptional({ description: 'Registering structure only' }) birthYear?: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Registering structure only' }) communeCode?: string | null;
  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, nullable: true, description: 'Registering structure only' }) educationLevel?: EducationLevel | null;
  @ApiPropertyOptional({ type: IdentityView, nullable: true, description: 'Registering structure only; null once erased' }) identity?: IdentityView | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the identity was erased (right to be forgotten)' })
  erasedAt: Date | null;
  @ApiProperty() createdAt: Date;

  /** `identity`: the decrypted identity when the caller registered the person, else undefined (withheld). */
  static of(b: Beneficiary, criteria: EligibilityCriterion[], identity: Identity | null | undefined, thisYear: number): BeneficiaryView {
    const view = Object.assign(new BeneficiaryView(), {
      id: b.id, code: b.code, registeredById: b.registeredById, sex: b.sex, ageBand: ageBand(thisYear, b.birthYear),
      qpvResident: b.qpvResident, criteria: criteria.map(CriterionView.of), erasedAt: b.erasedAt, createdAt: b.createdAt,
    });
    if (identity === undefined) return view;
    return Object.assign(view, { birthYear: b.birthYear, communeCode: b.communeCode, educationLevel: b.educationLevel, identity });
  }
}

export class BeneficiaryPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [BeneficiaryView] }) items: BeneficiaryView[];
}
