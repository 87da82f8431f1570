import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ReportFiguresData, reportEngine } from './report-engine';
import { Report } from './report.entity';
import { ReportRunHooks } from './report-run-hooks';
import { ReportStorage } from './storage/report-storage';

/** The steps every report job shares: the report row's life cycle, rendering and publishing the files. */
@Injectable()
export class ReportRunner {
  constructor(
    @InjectDataSource() readonly ds: DataSource,
    readonly config: AppConfig,
    private readonly storage: ReportStorage,
    private readonly hooks: ReportRunHooks,
  ) {}

  /** The report to work on, or null when it is already completed (a retried or duplicated job does nothing). */
  async open(reportId: string): Promise<Report | null> {
    const report = await this.ds.getRepository(Report).findOneBy({ id: reportId });
    if (!report) throw new UnrecoverableError(`Report ${reportId} no longer exists`);
    return report.status === 'completed' ? null : report;
  }

  async progress(reportId: string, progress: number): Promise<void> {
    await this.ds.query(
      `UPDATE reports SET status = 'running', progress = GREATEST(progress, $2), error = NULL WHERE id = $1 AND status IN ('queued','running')`,
      [reportId, progress],
    );
  }

  /** A regional child's share of the progress; capped so only the consolidation reaches 100. */
  async addProgress(reportId: string, step: number): Promise<void> {
    await this.ds.query(
      `UPDATE reports SET status = 'running', progress = LEAST(90, progress + $2) WHERE id = $1 AND status IN ('queued','running')`,
      [reportId, step],
    );
  }

  /**
   * Renders into a staging directory, publishes it, then marks the report completed — only once:
   * a second run of the same report (stalled job taken again) keeps the first set of files.
   */
  async renderAndComplete(reportId: string, figures: ReportFiguresData): Promise<void> {
    const staged = await this.storage.stage(reportId);
    try {
      if (this.hooks.beforeRender) await this.hooks.beforeRender(reportId);
      const files = await reportEngine.renderReportFiles(figures, staged);
      await this.progress(reportId, 95);
      const keys = await this.storage.publish(reportId, staged, files);
      await this.ds.query(
        `UPDATE reports SET status = 'completed', progress = 100, error = NULL, files = $2, completed_at = now() WHERE id = $1 AND status <> 'completed'`,
        [reportId, JSON.stringify(keys)],
      );
    } catch (e) {
      await this.storage.discard(staged);
      throw e;
    }
  }

  async fail(reportId: string, message: string): Promise<void> {
    await this.ds.query(`UPDATE reports SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'completed'`, [reportId, message.slice(0, 2000)]);
  }
}
