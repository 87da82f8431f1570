import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Beneficiary, CRITERIA, EDUCATION_LEVELS, EligibilityCriterion, SEXES } from './beneficiary.entity';
import type { Criterion, EducationLevel, Sex } from './beneficiary.entity';

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

/** Who the person is: kept apart so that it can be withheld from callers outside the registering structure. */
export class IdentityView {
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) birthDate: string | null;
}

export class BeneficiaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'B-3F2A91C0DE', description: 'Pseudonymous code, the same for one person across structures' }) code: string;
  @ApiProperty({ format: 'uuid' }) registeredById: string;
  @ApiProperty({ enum: SEXES }) sex: Sex;
  @ApiProperty() birthYear: number;
  @ApiPropertyOptional({ nullable: true, type: String }) communeCode: string | null;
  @ApiProperty() qpvResident: boolean;
  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, nullable: true }) educationLevel: EducationLevel | null;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiPropertyOptional({ type: IdentityView, nullable: true, description: 'Null once the identity has been erased' }) identity: IdentityView | null;
  @ApiProperty() createdAt: Date;

  static of(b: Beneficiary, criteria: EligibilityCriterion[]): BeneficiaryView {
    return Object.assign(new BeneficiaryView(), {
      id: b.id, code: b.code, registeredById: b.registeredById, sex: b.sex, birthYear: b.birthYear, communeCode: b.communeCode,
      qpvResident: b.qpvResident, educationLevel: b.educationLevel, criteria: criteria.map(CriterionView.of),
      identity: b.erasedAt ? null : { lastName: b.lastName, firstName: b.firstName, birthDate: b.birthDate },
      createdAt: b.createdAt,
    });
  }
}

export class BeneficiaryPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [BeneficiaryView] }) items: BeneficiaryView[];
}
