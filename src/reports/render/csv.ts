import { frenchCsvRows } from '../../common/spreadsheet/french-csv';
import { ReportFigures } from '../figures/report-figures';
import { fill, ReportLabels } from './labels';
import { frenchDate } from './format';
import { FileStream } from './file-stream';
import { Cell, ReportTable } from './report-tables';

/**
 * Numbers as French Excel reads them: decimal comma, no group separator (a space would make the
 * cell text). Shares stay fractions (0,5552) so the sheet can compute with them.
 */
export const csvCell = (c: Cell): string => {
  if (c.value === null) return '';
  if (typeof c.value === 'string') return c.value;
  return String(c.value).replace('.', ',');
};

/** Rows stringified together: few calls, little held at once. */
const CHUNK = 1_000;

/**
 * UTF-8 with BOM, `;` separated: one section per table (title line, header line, rows), blank line
 * between. Written to `file` a thousand rows at a time (a region's 60,000 contracts at bench scale 4).
 */
export async function writeCsv(f: ReportFigures, tables: ReportTable[], l: ReportLabels, file: string): Promise<void> {
  const out = new FileStream(file);
  try {
    const cover: string[][] = [
      [l.title, `${l.scopeKind[f.scope.kind]} ${f.scope.code} ${f.scope.name}`],
      [l.cover.period, fill(l.cover.periodRange, { from: frenchDate(f.period.from), to: frenchDate(f.period.to) })],
      [l.cover.generatedAt, f.generatedAt],
      [l.cover.dataWatermark, f.dataWatermark],
    ];
    await out.write(frenchCsvRows(cover, { bom: true }));
    for (const t of tables) {
      await out.write(frenchCsvRows([[], [t.title], t.columns]));
      let chunk: string[][] = [];
      for (const row of t.rows()) {
        chunk.push(row.map(csvCell));
        if (chunk.length === CHUNK) {
          await out.write(frenchCsvRows(chunk));
          chunk = [];
        }
      }
      if (chunk.length) await out.write(frenchCsvRows(chunk));
    }
  } finally {
    await out.close();
  }
}
