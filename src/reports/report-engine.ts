import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ReportPeriod, ReportScope } from '../jobs/job-names';
import { ReportFormat } from './report.entity';

/** The figures of one report: a JSON-serialisable object (defined by ./figures/report-figures). */
export type ReportFiguresData = Record<string, unknown>;

interface FiguresModule {
  computeReportFigures(ds: DataSource, config: AppConfig, scope: ReportScope, period: ReportPeriod, dataWatermark: string): Promise<ReportFiguresData>;
  consolidateRegion(ds: DataSource, config: AppConfig, regionCode: string, period: ReportPeriod, departmentResults: ReportFiguresData[], dataWatermark: string): Promise<ReportFiguresData>;
}
interface RenderModule {
  renderReportFiles(figures: ReportFiguresData, outDir: string): Promise<Record<ReportFormat, string>>;
}

/**
 * The seam between the jobs and the figures/renderers (built in src/reports/figures and
 * src/reports/render). Loaded on first use so the job system builds and runs its own tests on its own;
 * a missing module fails the job with a clear message instead of crashing the process.
 */
function load<T>(path: string, what: string): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes(path.replace('./', ''))) {
      throw new Error(`The report ${what} are not part of this build`, { cause: e });
    }
    throw e;
  }
}

export const reportEngine = {
  computeReportFigures: (...args: Parameters<FiguresModule['computeReportFigures']>) =>
    load<FiguresModule>('./figures/compute-report-figures', 'figures').computeReportFigures(...args),
  consolidateRegion: (...args: Parameters<FiguresModule['consolidateRegion']>) =>
    load<FiguresModule>('./figures/compute-report-figures', 'figures').consolidateRegion(...args),
  renderReportFiles: (...args: Parameters<RenderModule['renderReportFiles']>) => load<RenderModule>('./render', 'renderers').renderReportFiles(...args),
};
