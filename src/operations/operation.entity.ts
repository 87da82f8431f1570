import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';

/** A programme grouping several contracts, e.g. "Ligne 15 Sud". */
@Entity('operations')
export class Operation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column('uuid') contractingAuthorityId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'contracting_authority_id' })
  contractingAuthority?: Organisation;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
