import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportFigures } from '../figures/report-figures';
import { writeCsv } from './csv';
import { writeJson } from './json';
import { reportLabels } from './labels';
import { writePdf } from './pdf';
import { reportTables } from './report-tables';
import { writeXlsx } from './xlsx';

export interface RenderedFiles {
  pdf: string;
  csv: string;
  xlsx: string;
  json: string;
}

/** The base name of the files, from the scope and period: e.g. rapport-department-93-2026-02-01-2026-03-31. */
const baseName = (f: ReportFigures) => `rapport-${f.scope.kind}-${f.scope.code}-${f.period.from}-${f.period.to}`;

/**
 * Renders the four formats of one report into `outDir` and returns their paths. Each file is
 * written under a temporary name then renamed, so a reader never sees half a file; on failure the
 * temporary files are removed.
 */
export async function renderReportFiles(figures: ReportFigures, outDir: string): Promise<RenderedFiles> {
  await mkdir(outDir, { recursive: true });
  const labels = reportLabels();
  const tables = reportTables(figures, labels);
  const base = join(outDir, baseName(figures));
  const tmp = (ext: string) => `${base}.${ext}.${randomUUID()}.tmp`;
  const files: RenderedFiles = { pdf: `${base}.pdf`, csv: `${base}.csv`, xlsx: `${base}.xlsx`, json: `${base}.json` };
  const temps: RenderedFiles = { pdf: tmp('pdf'), csv: tmp('csv'), xlsx: tmp('xlsx'), json: tmp('json') };
  try {
    await writeJson(figures, temps.json);
    await writeCsv(figures, tables, labels, temps.csv);
    await writeXlsx(tables, labels.sheetNames, temps.xlsx, new Date(figures.generatedAt));
    await writePdf(figures, tables, labels, temps.pdf);
    for (const k of Object.keys(files) as (keyof RenderedFiles)[]) await rename(temps[k], files[k]);
    return files;
  } catch (e) {
    await Promise.all(Object.values(temps).map((t) => rm(t, { force: true })));
    throw e;
  }
}
