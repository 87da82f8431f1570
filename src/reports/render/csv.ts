import { stringify } from 'csv-stringify/sync';
import { ReportFigures } from '../figures/report-figures';
import { fill, ReportLabels } from './labels';
import { frenchDate } from './format';
import { Cell, ReportTable } from './report-tables';

/**
 * Numbers as French Excel reads them: decimal comma, no group separator (a space would make the
 * cell text). Shares stay fractions (0,5552) so the sheet can compute with them.
 */
export const csvNumber = (c: Cell): string => {
  if (c.value === null) return '';
  if (typeof c.value === 'string') return c.value;
  return String(c.value).replace('.', ',');
};

/** UTF-8 with BOM, `;` separated: one section per table (title line, header line, rows), blank line between. */
export function renderCsv(f: ReportFigures, tables: ReportTable[], l: ReportLabels): string {
  const records: string[][] = [
    [l.title, `${l.scopeKind[f.scope.kind]} ${f.scope.code} ${f.scope.name}`],
    [l.cover.period, fill(l.cover.periodRange, { from: frenchDate(f.period.from), to: frenchDate(f.period.to) })],
    [l.cover.generatedAt, f.generatedAt],
    [l.cover.dataWatermark, f.dataWatermark],
  ];
  for (const t of tables) {
    records.push([], [t.title], t.columns, ...t.rows.map((r) => r.map(csvNumber)));
  }
  return stringify(records, { delimiter: ';', bom: true, record_delimiter: '\r\n' });
}
