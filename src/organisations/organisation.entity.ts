import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Region } from '../territories/territory.entity';

export const ORGANISATION_KINDS = ['contracting_authority', 'facilitator_structure', 'regional_mission', 'company'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const COMPANY_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];
/** The sizes of an SME; the database's is_sme() (migration SmeShareOnce), which the SME share sums call, holds the same (payments.e2e compares). */
export const SME_SIZES: ReadonlyArray<CompanySize> = ['micro', 'small', 'medium'];
export const INCLUSION_TYPES = ['none', 'EI', 'ETTI', 'AI', 'ACI', 'EA', 'ESAT', 'GEIQ', 'EITI'] as const;
export type InclusionType = (typeof INCLUSION_TYPES)[number];

@Entity('organisations')
@Check('organisation_kind', `kind IN ('contracting_authority','facilitator_structure','regional_mission','company')`)
@Check('organisation_siret_format', `siret ~ '^[0-9]{14}$'`)
@Check('organisation_company_size', `(kind = 'company') = (size IS NOT NULL)`)
@Check('organisation_size', `size IS NULL OR size IN ('micro','small','medium','large')`)
@Check('organisation_inclusion_type', `inclusion_type IN ('none','EI','ETTI','AI','ACI','EA','ESAT','GEIQ','EITI')`)
@Check('organisation_mission_region', `(kind = 'regional_mission') = (region_code IS NOT NULL)`)
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') kind: OrganisationKind;
  @Column('text') name: string;
  @Index('organisation_siret_unique', { unique: true })
  @Column({ type: 'char', length: 14 }) siret: string;
  @Column({ type: 'text', nullable: true }) size: CompanySize | null;
  @Column({ type: 'text', default: 'none' }) inclusionType: InclusionType;
  /** Departments a facilitator structure or contracting authority works in (INSEE codes). */
  @Column({ type: 'varchar', length: 3, array: true, default: () => `'{}'` }) departmentCodes: string[];
  /** The region a regional mission covers. */
  @Column({ type: 'varchar', length: 3, nullable: true }) regionCode: string | null;
  @ManyToOne(() => Region, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'region_code' }) region?: Region;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
