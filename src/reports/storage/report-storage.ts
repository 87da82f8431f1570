import { Readable } from 'node:stream';
import { ReportFiles, ReportFormat } from '../report.entity';

/**
 * Where rendered report files live. Renderers write into a local staging directory; `publish` makes
 * them the report's files. The local-disk implementation is the default; an S3 one can replace it.
 */
export abstract class ReportStorage {
  /** A fresh, empty local directory to render one report into. */
  abstract stage(reportId: string): Promise<string>;
  /**
   * Makes the staged files the report's files, all at once. When another run already published this
   * report (a stalled job picked up twice), the staged copy is dropped: one report, one set of files.
   */
  abstract publish(reportId: string, stagedDir: string, files: Record<ReportFormat, string>): Promise<ReportFiles>;
  /** Drops a staging directory after a failed run. */
  abstract discard(stagedDir: string): Promise<void>;
  /** The content of a published file, by the key `publish` returned; null when missing. */
  abstract open(key: string): Promise<Readable | null>;
}
