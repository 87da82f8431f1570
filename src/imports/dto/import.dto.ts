import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination/page';
import { IMPORT_KINDS, IMPORT_MODES, IMPORT_STATUSES, ROW_OUTCOMES, SHEETS } from '../import.entity';
import type { ImportKind, ImportMode, RowOutcome, SheetName } from '../import.entity';

export class UploadImportDto {
  @ApiPropertyOptional({
    enum: IMPORT_KINDS, default: 'hours_statements',
    description: 'hours_statements: monthly hours (CSV or XLSX); onboarding: a workbook of companies, contracts, people, assignments and past hours (XLSX only)',
  })
  @IsOptional() @IsIn(IMPORT_KINDS)
  kind?: ImportKind;
}

export class ConfirmImportDto {
  @ApiProperty({ enum: IMPORT_MODES, description: 'all_or_nothing: one refused row and nothing is written; keep_valid: write the valid rows, and get the refused ones back as a file' })
  @IsIn(IMPORT_MODES)
  mode: ImportMode;

  @ApiPropertyOptional({ default: false, description: 'Write the statements as validated (the facilitator has checked the whole file); otherwise they are declared, awaiting validation' })
  @IsOptional() @IsBoolean()
  markValidated?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Onboarding: update the existing records whose file values differ (the dry run notes them as differs_from_record), where the API lets a facilitator change them',
  })
  @IsOptional() @IsBoolean()
  updateExisting?: boolean;
}

export class ImportRowsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROW_OUTCOMES }) @IsOptional() @IsIn(ROW_OUTCOMES)
  outcome?: RowOutcome;

  @ApiPropertyOptional({ enum: SHEETS, description: 'The rows of one sheet (an hours file is the sheet heures)' }) @IsOptional() @IsIn(SHEETS)
  sheet?: SheetName;
}

export class SheetCountsView {
  @ApiProperty() rows: number;
  @ApiProperty() create: number;
  @ApiProperty() correct: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() refused: number;
}

export class ImportSummaryView {
  @ApiProperty() rows: number;
  @ApiProperty({ description: 'New statements' }) create: number;
  @ApiProperty({ description: 'Corrections of a validated statement (superseding it, history kept)' }) correct: number;
  @ApiProperty({ description: 'Already there with the same hours: nothing to do' }) unchanged: number;
  @ApiProperty() refused: number;
  @ApiProperty({ description: 'Hours of the rows created or corrected' }) hours: number;
  @ApiProperty({ type: Object, description: 'The same counts per sheet (entreprises, marches, beneficiaires, affectations, heures): those the file has', example: { heures: { rows: 2, create: 2, correct: 0, unchanged: 0, refused: 0 } } })
  sheets: Record<string, SheetCountsView>;
}

export class ImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'Size of the uploaded file, in bytes' }) fileSize: number;
  @ApiProperty({ format: 'uuid', description: 'Who uploaded it' }) uploadedById: string;
  @ApiProperty({ format: 'uuid', description: "The uploader's structure (its facilitators see the import)" }) organisationId: string;
  @ApiProperty({ enum: IMPORT_STATUSES, description: 'queued → analysing → analysed (dry run ready: confirm) → importing → completed; or failed; expired: not confirmed in time, its file deleted' }) status: string;
  @ApiProperty({ description: '0..100' }) progress: number;
  @ApiProperty({ enum: IMPORT_MODES, nullable: true, type: String }) mode: string | null;
  @ApiProperty() markValidated: boolean;
  @ApiProperty() updateExisting: boolean;
  @ApiProperty({ type: ImportSummaryView, nullable: true }) summary: ImportSummaryView | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the file failed, in the language of the request (Accept-Language; French by default)' })
  error: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['UTF-8', 'Windows-1252', 'UTF-16LE', 'UTF-16BE'], description: 'The character encoding the CSV was read in (null for a workbook, or before the dry run)' })
  encoding: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) analysedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: Date | null;
}

export class ImportPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [ImportView] }) items: ImportView[];
}

export class ImportRowView {
  @ApiProperty({ enum: SHEETS, description: 'The sheet of the row (heures for an hours file)' }) sheet: string;
  @ApiProperty({ description: 'Line in the sheet (the header is line 1)' }) line: number;
  @ApiProperty({ enum: ROW_OUTCOMES }) outcome: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Onboarding: the company, contract, person or assignment the row created or matched (null in a dry run for a creation)' })
  entityId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignmentId: string | null;
  @ApiProperty({ type: String, nullable: true }) beneficiaryCode: string | null;
  @ApiProperty({ type: String, nullable: true }) contractReference: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-03' }) month: string | null;
  @ApiProperty({ type: Number, nullable: true }) hours: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Hours of the statement standing for the month (unchanged or corrected)' }) existingHours: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The statement left unchanged or corrected' }) existingStatementId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'legal_monthly_cap', description: 'Why a row is refused; on an accepted row, a note: not_eligible flags an assignment (DOMAIN rule 5), differs_from_record a record that exists with other values' })
  errorCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The file's column" }) errorColumn: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why, in the language of the request (Accept-Language; French by default)' }) errorReason: string | null;
}

export class ImportRowPage {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: [ImportRowView] }) items: ImportRowView[];
}
