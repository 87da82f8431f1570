import ExcelJS from 'exceljs';
import { CellType } from './format';
import { ReportTable } from './report-tables';

const NUM_FMT: Record<CellType, string | undefined> = {
  text: undefined,
  hours: '#,##0.00',
  fte: '#,##0.00',
  int: '0',
  share: '0.0%',
  euros: '#,##0.00 "€"',
};

/** Excel refuses some characters and more than 31 in a sheet name. */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** One sheet per table: a header row, then real numeric cells (not text) formatted for reading. */
export async function writeXlsx(tables: ReportTable[], sheetNames: Record<string, string>, file: string, created: Date): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Clausier';
  wb.created = created;
  wb.modified = created;
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(sheetNames[t.id] ?? t.title));
    const header = ws.addRow(t.columns);
    header.font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of t.rows) {
      const added = ws.addRow(row.map((c) => c.value));
      row.forEach((c, i) => {
        const fmt = NUM_FMT[c.type];
        if (fmt && typeof c.value === 'number') added.getCell(i + 1).numFmt = fmt;
      });
    }
    t.columns.forEach((c, i) => (ws.getColumn(i + 1).width = Math.max(10, Math.min(40, c.length + 2))));
  }
  await wb.xlsx.writeFile(file);
}
