import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** templates/ sits at the repository root: two levels up from src/reports/render, three from dist/src/... */
export function templatesDir(): string {
  const candidates = [resolve(__dirname, '../../../templates'), resolve(__dirname, '../../../../templates')];
  const found = candidates.find((d) => existsSync(join(d, 'report-fr.json')));
  if (!found) throw new Error(`Report templates not found (looked in ${candidates.join(', ')})`);
  return found;
}

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
  breakdownNote: string;
  keys: Record<string, Record<string, string>>;
  charts: Record<'authorities' | 'planned' | 'realised' | 'modality' | 'ageBand' | 'sex', string>;
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
