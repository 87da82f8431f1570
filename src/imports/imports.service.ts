import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { isRole } from '../access/actor';
import { actorIdentity, currentActor } from '../access/request-context';
import { named } from '../access/sql-binder';
import { importVisibleSql } from '../access/visibility.sql';
import { BadInputError, ConflictError, NotFoundError, ServiceUnavailableError } from '../common/errors/domain-errors';
import { type Locale, type Message, msg, say } from '../common/messages';
import { Page, PageQuery } from '../common/pagination/page';
import { x100ToHours } from '../common/units/hours';
import { frenchCsvRows } from '../common/spreadsheet/french-csv';
import { inTransaction } from '../database/transaction';
import { JobQueues } from '../jobs/job-queues';
import { ConfirmImportDto, ImportRowsQuery, ImportRowView } from './dto/import.dto';
import { Import, ImportFormat, ImportKind, SHEETS } from './import.entity';
import { ImportFiles } from './import-files';
import { refusedWorkbook } from './onboarding/refused-workbook';
import { fileKind } from './parse/file-kind';
import { IdentityCipher } from '../beneficiaries/identity-cipher';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file as multer left it on disk. */
export interface UploadedFile {
  originalname: string;
  path: string;
  size: number;
}

/** The API side of imports: upload (then a dry run is queued), follow, look at the rows, confirm. */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger('ImportsService');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly files: ImportFiles,
    private readonly queues: JobQueues,
    private readonly cipher: IdentityCipher,
  ) {}

  async upload(file: UploadedFile | undefined, kind: ImportKind = 'hours_statements'): Promise<Import> {
    if (!file) {
      throw new BadInputError('invalid_input', 'file: attach the file as multipart field "file"', [{ field: 'file', reason: 'required', said: msg('field.required') }]).saying(
        msg('import.file_required'),
      );
    }
    // What the file is, from its content: a PDF named .csv is described as a PDF, never read as text.
    const kindOfFile = await fileKind(file.path);
    if ('looksLike' in kindOfFile) {
      await rm(file.path, { force: true });
      throw new BadInputError('unsupported_format', `${file.originalname}: this looks like ${kindOfFile.looksLike}, not a CSV or Excel (.xlsx) file`, [
        { field: 'file', reason: 'must be a .csv or .xlsx file', said: msg('import.file_field') },
      ]).saying(msg('import.file_kind', { fileName: file.originalname, looksLike: kindOfFile.looksLike }));
    }
    const format: ImportFormat = kindOfFile.format;
    if (kind === 'onboarding' && format !== 'xlsx') {
      await rm(file.path, { force: true });
      throw new BadInputError('unsupported_format', `${file.originalname}: an onboarding set is an Excel workbook (.xlsx)`, [
        { field: 'file', reason: 'must be a .xlsx workbook for kind onboarding', said: msg('import.onboarding_field') },
      ]).saying(msg('import.onboarding_needs_xlsx', { fileName: file.originalname }));
    }
    // Without Redis no dry run could start: 503, and neither the file nor a row is kept.
    await this.queues.ensureAvailable().catch(async (e: unknown) => {
      await rm(file.path, { force: true });
      throw e;
    });
    const actor = currentActor();
    if (!isRole(actor, 'facilitator')) throw new Error('unreachable: the route is for facilitators');
    const id = randomUUID();
    await inTransaction(this.ds, actorIdentity(), (m) =>
      m.getRepository(Import).insert({
        id, kind, format, fileName: file.originalname.slice(0, 300), fileKey: this.files.keyOf(file.path), fileSize: String(file.size),
        uploadedById: actor.userId, organisationId: actor.organisationId!,
      }),
    );
    // The answer is the import as accepted (queued), read before the job exists: read after, it
    // depended on how fast a worker took the job (the tests saw 'queued' and 'analysing' by turns).
    const accepted = await this.get(id);
    await this.enqueue('analyse', id);
    return accepted;
  }

  async list(q: PageQuery): Promise<Page<Import>> {
    const [items, total] = await this.visible().orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'ASC').skip(q.offset).take(q.pageSize).getManyAndCount();
    return Page.of(items, total, q);
  }

  async get(id: string): Promise<Import> {
    const imp = await this.visible().andWhere('i.id = :id', { id }).getOne();
    if (!imp) throw new NotFoundError('Import', id);
    return imp;
  }

  /** The rows of the dry run (or, once imported, the refused ones), sheet by sheet in processing order, in file order. */
  async rows(id: string, q: ImportRowsQuery, locale: Locale): Promise<Page<ImportRowView>> {
    await this.get(id);
    const params: unknown[] = [id, q.outcome ?? null, q.sheet ?? null];
    const where = `import_id = $1 AND ($2::text IS NULL OR outcome = $2) AND ($3::text IS NULL OR sheet = $3)`;
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM import_rows WHERE ${where}`, params)) as { total: number }[];
    const rows = (await this.ds.query(
      `SELECT sheet, line, outcome, entity_id, assignment_id, beneficiary_code, contract_reference, to_char(month, 'YYYY-MM') AS month, hours_x100, existing_hours_x100,
              existing_id, error_code, error_column, error_reason
         FROM import_rows WHERE ${where} ORDER BY array_position($4::text[], sheet), line LIMIT $5 OFFSET $6`,
      [...params, SHEETS, q.pageSize, q.offset],
    )) as Record<string, string | number | null>[];
    const hours = (v: unknown) => (v === null ? null : x100ToHours(Number(v)));
    return Page.of(
      rows.map((r) => ({
        sheet: r.sheet as string, line: r.line as number, outcome: r.outcome as string, entityId: r.entity_id as string | null,
        assignmentId: r.assignment_id as string | null, beneficiaryCode: r.beneficiary_code as string | null,
        contractReference: r.contract_reference as string | null, month: r.month as string | null, hours: hours(r.hours_x100),
        existingHours: hours(r.existing_hours_x100), existingStatementId: r.existing_id as string | null, errorCode: r.error_code as string | null,
        errorColumn: r.error_column as string | null, errorReason: r.error_reason ? say(r.error_reason as unknown as Message, locale) : null,
      })),
      total,
      q,
    );
  }

  /** After the dry run (or a refused all-or-nothing import), write it: the rows are checked again as they are written. */
  async confirm(id: string, dto: ConfirmImportDto): Promise<Import> {
    const imp = await this.get(id);
    if (!['analysed', 'failed'].includes(imp.status) || !imp.fileKey || imp.summary === null) {
      const analysing = imp.status !== 'completed' && imp.summary === null;
      throw new ConflictError('import_not_ready', `The import is ${imp.status}${analysing ? ' and its dry run has not finished' : ''}: only an analysed import can be confirmed`, [], {
        status: imp.status,
      }).saying(msg('import.not_ready', { status: imp.status, analysing }));
    }
    await this.queues.ensureAvailable(); // before the import is marked queued: without Redis it stays as it is
    await inTransaction(this.ds, actorIdentity(), (m) =>
      m.query(`UPDATE imports SET status = 'queued', progress = 0, mode = $2, mark_validated = $3, update_existing = $4, confirmed_at = now(), error = NULL WHERE id = $1`, [
        id, dto.mode, dto.markValidated ?? false, dto.updateExisting ?? false,
      ]),
    );
    const accepted = await this.get(id); // as accepted, before a worker can take it (see upload)
    await this.enqueue('apply', id);
    return accepted;
  }

  /**
   * The refused rows as a file to correct and upload again: for an hours file, a CSV with the file's
   * own columns then the reason (an extra column the import ignores), streamed from a keyset read;
   * for an onboarding set, a workbook with one sheet per table (see refused-workbook.ts).
   */
  async refusedRows(id: string, locale: Locale): Promise<{ imp: Import; stream: Readable; type: string; extension: string }> {
    const imp = await this.get(id);
    if (imp.kind === 'onboarding') {
      return { imp, stream: Readable.from([await refusedWorkbook(this.ds, this.cipher, imp, locale)]), type: XLSX_TYPE, extension: 'xlsx' };
    }
    const headers = Array.isArray(imp.headers) ? imp.headers : [];
    const ds = this.ds;
    async function* lines() {
      yield frenchCsvRows([[...headers, 'erreur']], { bom: true });
      let after = 0;
      for (;;) {
        const page = (await ds.query(
          `SELECT line, raw, error_column, error_reason FROM import_rows
            WHERE import_id = $1 AND sheet = 'heures' AND outcome = 'refused' AND line > $2 ORDER BY line LIMIT 1000`,
          [id, after],
        )) as { line: number; raw: Record<string, string>; error_column: string | null; error_reason: Message }[];
        if (!page.length) return;
        for (const r of page) {
          const reason = say(msg('import.refused_row', { line: r.line, column: r.error_column, reason: r.error_reason }), locale);
          yield frenchCsvRows([[...headers.map((h) => r.raw[h] ?? ''), reason]]);
        }
        after = page[page.length - 1].line;
      }
    }
    return { imp, stream: Readable.from(lines()), type: 'text/csv; charset=utf-8', extension: 'csv' };
  }

  private visible() {
    const qb = this.ds.getRepository(Import).createQueryBuilder('i');
    return qb.where(importVisibleSql(currentActor(), 'i', named(qb)));
  }

  private async enqueue(step: 'analyse' | 'apply', importId: string): Promise<void> {
    const actor = currentActor();
    const [{ confirmed }] = (await this.ds.query(`SELECT coalesce(extract(epoch FROM confirmed_at) * 1000, 0)::bigint::text AS confirmed FROM imports WHERE id = $1`, [importId])) as {
      confirmed: string;
    }[];
    try {
      await this.queues.enqueueImport(step, { importId, userId: actor.kind === 'user' ? actor.userId : '', run: confirmed });
    } catch (e) {
      this.logger.error(`Queueing import ${importId}: ${(e as Error).message}`);
      await this.ds.query(`UPDATE imports SET status = 'failed', error = $2 WHERE id = $1`, [importId, JSON.stringify(msg('import.queue_failed'))]);
      throw new ServiceUnavailableError('queue_unavailable', 'The job queue (Redis) did not answer: upload the file again in a moment').saying(msg('import.queue_unavailable'));
    }
  }
}
