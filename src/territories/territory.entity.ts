import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** INSEE regions, loaded from @etalab/decoupage-administratif at start-up. */
@Entity('regions')
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 3 }) code: string;
  @Column('text') name: string;
  /** metro, drom or com (overseas collectivities). */
  @Column('text') zone: string;
}

@Entity('departments')
export class Department {
  @PrimaryColumn({ type: 'varchar', length: 3 }) code: string;
  @Column('text') name: string;
  @Column({ type: 'varchar', length: 3, nullable: true }) regionCode: string | null;
  @ManyToOne(() => Region, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'region_code' }) region?: Region;
  @Column('text') zone: string;
}
