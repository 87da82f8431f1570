import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Operation } from '../operations/operation.entity';
import { Department } from '../territories/territory.entity';
import { bigintAsNumber } from '../database/transformers';

/** As in the national procurement open-data schema (considerationsSociales). */
export const SOCIAL_CONSIDERATIONS = ['Clause sociale', 'Critère social', 'Marché réservé', 'Pas de considération sociale'] as const;
export type SocialConsideration = (typeof SOCIAL_CONSIDERATIONS)[number];

/** One lot = one contract. */
@Entity('contracts')
@Index('contract_reference_unique', ['contractingAuthorityId', 'reference'], { unique: true })
@Check('contract_dates', `end_date >= start_date`)
@Check('contract_amount', `amount_cents >= 0`)
@Check('contract_cpv', `cpv_code ~ '^[0-9]{8}(-[0-9])?$'`)
export class Contract {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') reference: string;
  @Column('text') title: string;
  @Column('text') cpvCode: string;
  @Index() @Column('uuid') contractingAuthorityId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'contracting_authority_id' })
  contractingAuthority?: Organisation;
  @Index() @Column('uuid') holderId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'holder_id' }) holder?: Organisation;
  @Index() @Column({ type: 'uuid', nullable: true }) operationId: string | null;
  @ManyToOne(() => Operation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'operation_id' }) operation?: Operation;
  /** Amount excluding tax, in integer cents. */
  @Column({ type: 'bigint', transformer: bigintAsNumber }) amountCents: number;
  @Column({ type: 'date', nullable: true }) notificationDate: string | null;
  @Column('date') startDate: string;
  @Column('date') endDate: string;
  @Index() @Column({ type: 'varchar', length: 3 }) executionDepartmentCode: string;
  @ManyToOne(() => Department, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'execution_department_code' })
  executionDepartment?: Department;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) socialConsiderations: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const PARTY_ROLES = ['co_contractor', 'subcontractor'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** A co-contractor or declared subcontractor on a contract (the holder is on the contract itself). */
@Entity('contract_parties')
@Index('contract_party_unique', ['contractId', 'companyId'], { unique: true })
@Check('contract_party_role', `role IN ('co_contractor','subcontractor')`)
@Check('contract_party_amount', `subcontracted_amount_cents IS NULL OR subcontracted_amount_cents >= 0`)
export class ContractParty {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') contractId: string;
  @ManyToOne(() => Contract, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'contract_id' }) contract?: Contract;
  @Index() @Column('uuid') companyId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'company_id' }) company?: Organisation;
  @Column('text') role: PartyRole;
  /** As in the open-data acts of subcontracting; cents. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber }) subcontractedAmountCents: number | null;
  @Column({ type: 'date', nullable: true }) declaredOn: string | null;
}
