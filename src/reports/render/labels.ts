import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../../common/templates-dir';

export { templatesDir };

/** Labels and layout of the French report: kept in templates/report-fr.json, not in code. */
export interface ReportLabels {
  locale: string;
  title: string;
  scopeKind: Record<'department' | 'region', string>;
  cover: Record<'period' | 'periodRange' | 'generatedAt' | 'dataWatermark' | 'fteReference' | 'notice', string>;
  page: string;
  tables: {
    headline: { title: string; columns: string[]; rows: Record<string, string> };
    clauseStatuses: { title: string; columns: string[] };
    authorities: { title: string; columns: string[] };
    contracts: { title: string; columns: string[] };
    departments: { title: string; columns: string[] };
    breakdown: { columns: string[] };
  };
  breakdowns: Record<string, string>;
  /** In a regional PDF, where its contract table would run to hundreds of pages. */
  contractsElsewhere: string;
  breakdownNote: string;
  keys: Record<string, Record<string, string>>;
  charts: Record<'authorities' | 'authoritiesLargest' | 'planned' | 'realised' | 'modality' | 'ageBand' | 'sex', string>;
  sheetNames: Record<string, string>;
  layout: {
    size: string;
    layout: 'portrait' | 'landscape';
    margin: number;
    fontSize: Record<'title' | 'heading' | 'body' | 'table' | 'footer', number>;
    rowHeight: number;
    colours: Record<string, string>;
  };
}

let cached: ReportLabels | undefined;
export function reportLabels(): ReportLabels {
  cached ??= JSON.parse(readFileSync(join(templatesDir(), 'report-fr.json'), 'utf8')) as ReportLabels;
  return cached;
}

/** "{from}" placeholders filled from `values`. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
