import { frenchCsvRows } from '../../common/spreadsheet/french-csv';
import { ReportFigures } from '../figures/report-figures';
import { fill, ReportLabels } from './labels';
import { frenchDate, frenchDateTime } from './format';
import { FileStream } from './file-stream';
import { Cell, ReportTable } from './report-tables';

/** "0.5552" → "0,5552": the decimal comma, and no group separator (a space would make the cell text). */
const decimalComma = (n: number) => String(n).replace('.', ',');

/**
 * A cell as French Excel reads it: numbers with a decimal comma; shares as percentages ("55,52 %"),
 * which Excel reads as the number 0.5552 shown as a percentage, to the same precision as the JSON's
 * fraction (the ×100 is rounded back to 12 significant digits: 0.5552 × 100 is 55.52000000000001).
 */
export const csvCell = (c: Cell): string => {
  if (c.value === null) return '';
  if (typeof c.value === 'string') return c.value;
  if (c.type === 'share') return `${decimalComma(Number((c.value * 100).toPrecision(12)))} %`;
  return decimalComma(c.value);
};

/** Rows stringified together: few calls, little held at once. */
const CHUNK = 1_000;

/**
 * UTF-8 with BOM, `;` separated: one section per table (title line, header line, rows), blank line
 * between. Written to `file` a thousand rows at a time (a region's 60,000 contracts at bench scale 4).
 * Dates as French Excel writes them (31/03/2026), the generation time as the PDF shows it.
 */
export async function writeCsv(f: ReportFigures, tables: ReportTable[], l: ReportLabels, file: string): Promise<void> {
  const out = new FileStream(file);
  try {
    const cover: string[][] = [
      [l.title, `${l.scopeKind[f.scope.kind]} ${f.scope.code} ${f.scope.name}`],
      [l.cover.period, fill(l.cover.periodRange, { from: frenchDate(f.period.from), to: frenchDate(f.period.to) })],
      [l.cover.generatedAt, frenchDateTime(f.generatedAt)],
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
