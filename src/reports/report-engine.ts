import { systemActor } from '../access/actor';
import { runWithActor } from '../access/request-context';
import { computeReportFigures, consolidateRegion } from './figures/compute-report-figures';
import { renderReportFiles } from './render';

export type { ReportFigures as ReportFiguresData } from './figures/report-figures';

/**
 * A report covers its whole scope whoever asked for it (access is checked when it is requested and
 * read): its figures are computed as the service itself, never filtered to a caller's view.
 */
const asService =
  <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    runWithActor(systemActor('reports'), () => f(...args));

/** What the report jobs call: the figures (one place, shared with compliance) and the renderers. */
export const reportEngine = {
  computeReportFigures: asService(computeReportFigures),
  consolidateRegion: asService(consolidateRegion),
  renderReportFiles,
};
