import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isRole } from '../access/actor';
import { actorIdentity, currentActor } from '../access/request-context';
import { type Message, msg } from '../common/messages';
import { x100ToHours } from '../common/units/hours';
import { inTransaction } from '../database/transaction';
import { CheckedImport, FileRefused, Progress } from './checked-import';
import { checkStanding, lockStatementDates, resolveRows } from './hours/hours-checks';
import { ColumnMap, hoursLayout, identificationProblems, mapColumns, readRow, StagedRow } from './hours/hours-layout';
import { lockPersonMonths, writeStatements } from './hours/hours-writer';
import { legalCapPass } from './hours/legal-cap-pass';
import { STAGING_BATCH, stageRows } from './hours/staging';
import { Import, ImportSummary, SheetCounts, SheetName } from './import.entity';
import { ImportFiles } from './import-files';
import { OnboardingImport } from './onboarding/onboarding-import';
import { FIRST_OF_REFUSED } from './onboarding/refused-workbook';
import { openSheet } from './parse/row-source';

/**
 * An import, start to end, for the user it acts for (the current actor): read the file as a stream,
 * stage its rows, check them all with the API's rules, then either report (dry run) or write — the
 * checks, the locks and the writes in one transaction, so the file goes in whole or not at all (or,
 * in keep_valid mode, its valid rows do).
 */
@Injectable()
export class ImportPipeline {
  private readonly logger = new Logger('ImportPipeline');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly files: ImportFiles,
    private readonly onboarding: OnboardingImport,
  ) {}

  /** The dry run: what would be created, corrected, left unchanged and refused. Writes nothing (an onboarding set's records are rolled back). */
  async analyse(importId: string): Promise<void> {
    const imp = await this.status(importId, 'analysing', 1);
    if (!imp) return;
    try {
      const staged = await this.stage(imp, false);
      const summary = await inTransaction(this.ds, actorIdentity(), async (m) => {
        const checked = await this.check(m, imp, staged, false);
        await checked.discardWrites();
        return summarise(m, imp.id);
      });
      await this.ds.query(`UPDATE imports SET status = 'analysed', progress = 100, summary = $2, error = NULL, analysed_at = now() WHERE id = $1`, [imp.id, summary]);
    } catch (e) {
      await this.fail(imp, e);
    }
  }

  /**
   * The confirmed import. Every row is read and checked again (the data may have moved since the dry
   * run), under the person-month locks the API takes, and written in the same transaction as the
   * import's new status: a crash leaves either all of it or none, and a retried job finds it done.
   */
  async apply(importId: string): Promise<void> {
    const imp = await this.status(importId, 'importing', 1);
    if (!imp) return;
    try {
      const staged = await this.stage(imp, true);
      const outcome = await inTransaction(this.ds, actorIdentity(), async (m) => {
        const checked = await this.check(m, imp, staged, true);
        const refused = await checked.refused();
        if (refused > 0 && imp.mode === 'all_or_nothing') {
          await checked.discardWrites();
          const summary = await summarise(m, imp.id);
          const error = msg('import.rows_refused', { count: refused, importId: imp.id });
          await m.query(`UPDATE imports SET status = 'failed', progress = 100, summary = $2, error = $3 WHERE id = $1`, [imp.id, summary, error]);
          return 'refused';
        }
        await checked.keepWrites();
        const summary = await summarise(m, imp.id);
        await this.setProgress(imp.id, 85);
        await writeStatements(m, imp.id, imp.markValidated);
        // Only the refused rows are kept, for the list of errors and the file to correct; with the first
        // rows of the contracts and people they continue, which that file gives back with them.
        await m.query(`DELETE FROM import_rows r WHERE r.import_id = $1 AND r.outcome <> 'refused' AND NOT (${FIRST_OF_REFUSED})`, [imp.id]);
        await m.query(
          `UPDATE imports SET status = 'completed', progress = 100, summary = $2, error = NULL, completed_at = now(), file_key = NULL WHERE id = $1`,
          [imp.id, summary],
        );
        return 'written';
      });
      if (outcome === 'written') await this.files.remove(imp.fileKey);
    } catch (e) {
      await this.fail(imp, e);
    }
  }

  /**
   * Checks every staged row, as the uploader; `applying`: under the locks the writes need. `columns`
   * is the hours file's, as staged; null for an onboarding set, which its own check stages sheet by sheet.
   */
  private async check(m: EntityManager, imp: Import, columns: ColumnMap | null, applying: boolean): Promise<CheckedImport> {
    const actor = currentActor();
    const progress: Progress = (p) => void this.setProgress(imp.id, applying ? Math.floor(p * 0.8) : p);
    if (!columns) {
      if (!isRole(actor, 'facilitator')) throw new Error('unreachable: imports are for facilitators');
      return this.onboarding.check(m, imp, actor, applying, progress);
    }
    await resolveRows(m, imp.id, actor, columns);
    if (applying) await lockStatementDates(m, imp.id, columns.header.mois);
    if (applying) await lockPersonMonths(m, imp.id);
    progress(applying ? 80 : 75);
    await checkStanding(m, imp.id, columns);
    await legalCapPass(m, imp.id, imp.markValidated, columns.header.heures);
    return {
      refused: async () => {
        const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1 AND outcome = 'refused'`, [imp.id])) as { n: number }[];
        return n;
      },
      // Checking an hours file writes no statement: there is nothing to undo or keep.
      discardWrites: async () => undefined,
      keepWrites: async () => undefined,
    };
  }

  /**
   * Moves the import to `status` unless it is not waiting for this step (a duplicate or retried job
   * finds it done and does nothing). Returns the import, or null when there is nothing to do.
   */
  private async status(importId: string, status: 'analysing' | 'importing', progress: number): Promise<Import | null> {
    const from = status === 'analysing' ? ['queued', 'analysing'] : ['queued', 'importing'];
    const guard = status === 'analysing' ? 'confirmed_at IS NULL' : 'confirmed_at IS NOT NULL';
    const rows = (await this.ds.query(
      `UPDATE imports SET status = $2, progress = $3, error = NULL WHERE id = $1 AND status = ANY($4::text[]) AND ${guard} RETURNING id`,
      [importId, status, progress, from],
    )) as unknown[][];
    if (!(rows[0] ?? []).length) return null;
    return this.ds.getRepository(Import).findOneByOrFail({ id: importId });
  }

  /**
   * Streams an hours file into import_rows in batches (memory holds two batches whatever the file's
   * size), in a transaction of its own, committed before the checks: PostgreSQL re-checks the
   * import_rows → imports foreign key on every update of a row its own transaction inserted, a cost
   * paid again by each checking pass. Staged rows are not data: a crash before the checks commit
   * leaves them for the retried job, which stages the file again.
   * Returns the file's columns; null for an onboarding set, which its own check stages.
   */
  private async stage(imp: Import, applying: boolean): Promise<ColumnMap | null> {
    if (imp.kind === 'onboarding') return null;
    if (!imp.fileKey) throw new FileRefused(msg('import.file_gone'));
    const toProgress = applying ? 50 : 60;
    let lastShown = 0;
    const sheet = await openSheet(this.files.pathOf(imp.fileKey), imp.format, Number(imp.fileSize), (share) => {
      const p = Math.floor(share * toProgress);
      if (p >= lastShown + 5) {
        lastShown = p;
        void this.setProgress(imp.id, p);
      }
    });
    const { map, problems } = mapColumns(sheet.headers, hoursLayout());
    problems.push(...identificationProblems(map, hoursLayout()));
    if (problems.length) throw new FileRefused(msg('import.not_hours_file', { problems }));
    await this.ds.query(`UPDATE imports SET headers = $2, encoding = $3 WHERE id = $1`, [imp.id, JSON.stringify(sheet.headers), sheet.encoding ?? null]);
    await inTransaction(this.ds, actorIdentity(), async (m) => {
      await m.query(`DELETE FROM import_rows WHERE import_id = $1`, [imp.id]);
      // One batch is read while the previous one is written: the file's parsing and the INSERTs took
      // turns otherwise. Memory holds two batches at most.
      let writing: Promise<void> | null = null;
      let batch: StagedRow[] = [];
      try {
        for await (const row of sheet.rows) {
          batch.push(readRow(row, sheet.headers, map));
          if (batch.length >= STAGING_BATCH) {
            await writing;
            writing = stageRows(m, imp.id, batch);
            // Its failure is taken at the next await; handled now, it cannot end the process meanwhile.
            writing.catch(() => undefined);
            batch = [];
          }
        }
        await writing;
      } catch (e) {
        // A batch still in flight settles before the transaction rolls back.
        await writing?.catch(() => undefined);
        throw e;
      }
      await stageRows(m, imp.id, batch);
    }, { attempts: 1 }); // once: a replay would find the file's rows already read
    return map;
  }

  private async setProgress(importId: string, progress: number): Promise<void> {
    await this.ds.query(`UPDATE imports SET progress = GREATEST(progress, $2) WHERE id = $1 AND status IN ('analysing', 'importing')`, [importId, progress]);
  }

  /** A refused file is the user's to correct; anything else is logged and told plainly, then retried by the job. */
  private async fail(imp: Import, e: unknown): Promise<void> {
    if (!(e instanceof FileRefused)) {
      this.logger.error(`Import ${imp.id}: ${e instanceof Error ? e.stack : String(e)}`);
      throw e;
    }
    await this.ds.query(`UPDATE imports SET status = 'failed', error = $2 WHERE id = $1`, [imp.id, JSON.stringify(e.said)]);
  }

  /** Marks an import failed for good (the job gave up), with a message the user can act on. */
  async giveUp(importId: string, error: Message): Promise<void> {
    await this.ds.query(`UPDATE imports SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'completed'`, [importId, JSON.stringify(error)]);
  }
}

/** Counts per outcome, in total and sheet by sheet, and the hours the import creates or corrects. */
async function summarise(m: EntityManager, importId: string): Promise<ImportSummary> {
  const rows = (await m.query(
    `SELECT sheet, count(*)::int AS rows,
            count(*) FILTER (WHERE outcome = 'create')::int AS create,
            count(*) FILTER (WHERE outcome = 'correct')::int AS correct,
            count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
            count(*) FILTER (WHERE outcome = 'refused')::int AS refused,
            coalesce(sum(hours_x100) FILTER (WHERE outcome IN ('create', 'correct')), 0)::bigint AS hours_x100
       FROM import_rows WHERE import_id = $1 GROUP BY sheet`,
    [importId],
  )) as (SheetCounts & { sheet: SheetName; hours_x100: string })[];
  const summary: ImportSummary = { rows: 0, create: 0, correct: 0, unchanged: 0, refused: 0, hours: 0, sheets: {} };
  let hoursX100 = 0;
  for (const { sheet, hours_x100, ...counts } of rows) {
    summary.sheets[sheet] = counts;
    for (const k of ['rows', 'create', 'correct', 'unchanged', 'refused'] as const) summary[k] += counts[k];
    hoursX100 += Number(hours_x100);
  }
  return { ...summary, hours: x100ToHours(hoursX100) };
}
