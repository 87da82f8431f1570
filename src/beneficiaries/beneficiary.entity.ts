import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';

export const SEXES = ['F', 'M'] as const;
export type Sex = (typeof SEXES)[number];
/** French diploma levels, coarse: below CAP/BEP is what YOUTH_LOW_QUALIFICATION refers to. */
export const EDUCATION_LEVELS = ['below_cap_bep', 'cap_bep', 'bac', 'bac_plus_2', 'bac_plus_3_or_more'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const CRITERIA = [
  'DELD', 'RSA', 'ASS', 'AAH', 'YOUTH_LOW_QUALIFICATION', 'RQTH', 'SENIOR', 'QPV_RESIDENT', 'SIAE_EMPLOYEE', 'OTHER_VALIDATED',
] as const;
export type Criterion = (typeof CRITERIA)[number];

/**
 * A person in insertion, as registered by one facilitator structure. The same person registered by
 * two structures is two rows sharing one `personKey` (HMAC of the normalised identity), which is
 * what every distinct-people count uses.
 */
@Entity('beneficiaries')
// Once per structure while the identity is held: after an erasure the same person may be registered again.
@Index('beneficiary_once_per_structure', ['registeredById', 'personKey'], { unique: true, where: 'erased_at IS NULL' })
@Check('beneficiary_sex', `sex IN ('F','M')`)
@Check('beneficiary_birth_year', `birth_year BETWEEN 1900 AND 2100`)
@Check('beneficiary_education', `education_level IS NULL OR education_level IN ('below_cap_bep','cap_bep','bac','bac_plus_2','bac_plus_3_or_more')`)
export class Beneficiary {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') registeredById: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'registered_by_id' }) registeredBy?: Organisation;
  @Index() @Column({ type: 'char', length: 64 }) personKey: string;
  /** Short pseudonymous code shown to everyone but the registering structure; indexed: imports find people by it. */
  @Index() @Column({ type: 'varchar', length: 16 }) code: string;
  /**
   * Last name, first name and birth date, encrypted together (AES-256-GCM, see identity-cipher.ts): the
   * database never holds them readable. Null once erased (right to be forgotten); figures keep the
   * anonymous row. The birth year stays readable: age bands need it.
   */
  @Column({ type: 'bytea', nullable: true }) identityEnc: Buffer | null;
  @Column('text') sex: Sex;
  @Column('smallint') birthYear: number;
  @Column({ type: 'varchar', length: 5, nullable: true }) communeCode: string | null;
  @Column({ type: 'boolean', default: false }) qpvResident: boolean;
  @Column({ type: 'text', nullable: true }) educationLevel: EducationLevel | null;
  @Column({ type: 'timestamptz', nullable: true }) erasedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('eligibility_criteria')
@Check('criterion_kind', `criterion IN ('DELD','RSA','ASS','AAH','YOUTH_LOW_QUALIFICATION','RQTH','SENIOR','QPV_RESIDENT','SIAE_EMPLOYEE','OTHER_VALIDATED')`)
@Check('criterion_other_needs_reason', `criterion <> 'OTHER_VALIDATED' OR length(trim(reason)) > 0`)
@Check('criterion_validity', `valid_until IS NULL OR valid_until >= validated_on`)
export class EligibilityCriterion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('uuid') beneficiaryId: string;
  @ManyToOne(() => Beneficiary, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'beneficiary_id' }) beneficiary?: Beneficiary;
  @Column('text') criterion: Criterion;
  @Column('date') validatedOn: string;
  /** Who validated it (a person's name or role at the validating body). */
  @Column('text') validatedBy: string;
  @Column({ type: 'date', nullable: true }) validUntil: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
