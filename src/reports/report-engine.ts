import { computeReportFigures, consolidateRegion } from './figures/compute-report-figures';
import { renderReportFiles } from './render';

export type { ReportFigures as ReportFiguresData } from './figures/report-figures';

/** What the report jobs call: the figures (one place, shared with compliance) and the renderers. */
export const reportEngine = { computeReportFigures, consolidateRegion, renderReportFiles };
