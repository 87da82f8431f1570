import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import type { Message } from '../common/messages';
import { User } from '../users/user.entity';

/** hours_statements: one table of monthly hours (CSV or XLSX); onboarding: a workbook of companies, contracts, people, assignments and hours. */
export const IMPORT_KINDS = ['hours_statements', 'onboarding'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
/** queued → analysing → analysed (dry run ready) → importing → completed, or failed at any step; expired: never confirmed, its file deleted. */
export const IMPORT_STATUSES = ['queued', 'analysing', 'analysed', 'importing', 'completed', 'failed', 'expired'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** all_or_nothing: one refused row and nothing is written; keep_valid: the valid rows are, the refused come back as a file. */
export const IMPORT_MODES = ['all_or_nothing', 'keep_valid'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
/** What an import does with one row. */
export const ROW_OUTCOMES = ['create', 'correct', 'unchanged', 'refused'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

/** The sheets of a file, by their normalised names; an hours file is one sheet, `heures`. */
export const SHEETS = ['entreprises', 'marches', 'beneficiaires', 'affectations', 'heures'] as const;
export type SheetName = (typeof SHEETS)[number];
export const HOURS_SHEET: SheetName = 'heures';

export interface SheetCounts {
  rows: number;
  create: number;
  correct: number;
  unchanged: number;
  refused: number;
}

export interface ImportSummary extends SheetCounts {
  /** Σ hours of the rows created or corrected (corrections: the new hours). */
  hours: number;
  /** The same counts sheet by sheet (only the sheets the file has). */
  sheets: Partial<Record<SheetName, SheetCounts>>;
}

/** The header row of each sheet as written: the file of refused rows repeats them. An hours file keeps its one header row as an array. */
export type ImportHeaders = string[] | Partial<Record<SheetName, string[]>>;

/** An uploaded file and what became of it. The file itself is kept on disk until the import is done. */
@Entity('imports')
@Check('import_kind', `kind IN ('hours_statements','onboarding')`)
@Check('import_format', `format IN ('csv','xlsx')`)
@Check('import_status', `status IN ('queued','analysing','analysed','importing','completed','failed','expired')`)
@Check('import_mode', `mode IS NULL OR mode IN ('all_or_nothing','keep_valid')`)
@Check('import_progress', `progress BETWEEN 0 AND 100`)
export class Import {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') kind: ImportKind;
  @Column('text') format: ImportFormat;
  @Column('text') fileName: string;
  /** Where the uploaded file lies, relative to the imports directory; null once the import is over. */
  @Column({ type: 'text', nullable: true }) fileKey: string | null;
  @Column('bigint') fileSize: string;
  @Column({ type: 'jsonb', nullable: true }) headers: ImportHeaders | null;
  @Column('uuid') uploadedById: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'uploaded_by_id' }) uploadedBy?: User;
  /** The uploader's structure: its facilitators see the import. */
  @Index() @Column('uuid') organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Organisation;
  @Column({ type: 'text', default: 'queued' }) status: ImportStatus;
  @Column({ type: 'integer', default: 0 }) progress: number;
  @Column({ type: 'text', nullable: true }) mode: ImportMode | null;
  /** The facilitator marked the whole file as validated: statements go in validated, not declared. */
  @Column({ type: 'boolean', default: false }) markValidated: boolean;
  /** Onboarding: the records a row matched and differs from are updated with the file's values (where the API lets the uploader change them). */
  @Column({ type: 'boolean', default: false }) updateExisting: boolean;
  /** Counts of the dry run, then of the import itself. */
  @Column({ type: 'jsonb', nullable: true }) summary: ImportSummary | null;
  /** Why the file failed, as a sentence of the message catalogue (said in the reader's language). */
  @Column({ type: 'jsonb', nullable: true }) error: Message | null;
  /** The character encoding a CSV was read in (UTF-8, Windows-1252, ...), shown in the dry run; null for a workbook. */
  @Column({ type: 'text', nullable: true }) encoding: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) analysedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
}

/**
 * One row of an uploaded file, staged in the database so that every check is one set-based query
 * whatever the file's size (memory stays flat), with what the import will do with it and why.
 */
@Entity('import_rows')
@Index('import_rows_outcome', ['importId', 'outcome'])
export class ImportRow {
  @PrimaryColumn('uuid') importId: string;
  @ManyToOne(() => Import, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'import_id' }) import?: Import;
  /** The sheet the row comes from (normalised name, see SHEETS); `heures` for an hours file. */
  @PrimaryColumn('text') sheet: string;
  /** Line in the sheet (the header is line 1): what the user looks for. */
  @PrimaryColumn('integer') line: number;
  /** The row as read, column by column, for the file of refused rows. */
  @Column('jsonb') raw: Record<string, string>;
  @Column({ type: 'text', nullable: true }) assignmentRef: string | null;
  @Column({ type: 'text', nullable: true }) beneficiaryCode: string | null;
  @Column({ type: 'text', nullable: true }) contractReference: string | null;
  @Column({ type: 'text', nullable: true }) authoritySiret: string | null;
  @Column({ type: 'date', nullable: true }) month: string | null;
  @Column({ type: 'integer', nullable: true }) hoursX100: number | null;
  @Column({ type: 'text', nullable: true }) source: string | null;
  @Column({ type: 'uuid', nullable: true }) assignmentId: string | null;
  @Column({ type: 'uuid', nullable: true }) contractId: string | null;
  @Column({ type: 'char', length: 64, nullable: true }) personKey: string | null;
  /** Onboarding: the file-local key of the person the row is about (`identifiant`, `identifiant_beneficiaire`). */
  @Column({ type: 'text', nullable: true }) localRef: string | null;
  /** Onboarding: the record the row created or matched (company, contract, beneficiary, assignment); null in a dry run for a creation. */
  @Column({ type: 'uuid', nullable: true }) entityId: string | null;
  /** The live statement of the month this row leaves unchanged or corrects. */
  @Column({ type: 'uuid', nullable: true }) existingId: string | null;
  @Column({ type: 'integer', nullable: true }) existingHoursX100: number | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ type: 'text', nullable: true }) errorCode: string | null;
  /** The file's column the refusal is about. */
  @Column({ type: 'text', nullable: true }) errorColumn: string | null;
  /** The reason, as a sentence of the message catalogue (said in the reader's language). */
  @Column({ type: 'jsonb', nullable: true }) errorReason: Message | null;
}
