import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REPORT_FORMATS = ['pdf', 'csv', 'xlsx', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportScopeKind = 'department' | 'region';
/** Storage keys of the rendered files, relative to the reports directory (or bucket). */
export type ReportFiles = Partial<Record<ReportFormat, string>>;

/**
 * A frozen snapshot of figures for a scope and a period. The data watermark identifies the state
 * of the data it was computed from: the same request on unchanged data finds this row again
 * (unique key), a change in the data makes a new row with the next version.
 */
@Entity('reports')
@Index('report_identity', ['scopeKind', 'scopeCode', 'periodFrom', 'periodTo', 'dataWatermark'], { unique: true })
@Check('report_scope_kind', `scope_kind IN ('department','region')`)
@Check('report_status', `status IN ('queued','running','completed','failed')`)
@Check('report_progress', `progress BETWEEN 0 AND 100`)
@Check('report_period', `period_from <= period_to`)
export class Report {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') scopeKind: ReportScopeKind;
  @Column({ type: 'varchar', length: 3 }) scopeCode: string;
  @Column('date') periodFrom: string;
  @Column('date') periodTo: string;
  @Column('text') dataWatermark: string;
  /** 1 for the first report of this scope and period, +1 each time the data changed since. */
  @Column('integer') version: number;
  @Column({ type: 'text', default: 'queued' }) status: ReportStatus;
  @Column({ type: 'integer', default: 0 }) progress: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'jsonb', default: () => `'{}'` }) files: ReportFiles;
  @CreateDateColumn({ type: 'timestamptz' }) requestedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
