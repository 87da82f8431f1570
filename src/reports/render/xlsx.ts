import ExcelJS from 'exceljs';
import { spreadsheetCell } from '../../common/spreadsheet/formula-injection';
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

/**
 * One sheet per table: a header row, then real numeric cells (not text) formatted for reading, and
 * text cells that no spreadsheet runs as a formula (spreadsheetCell).
 * Written by exceljs's streaming writer, each row committed as it is added: the in-memory workbook
 * held a regional report's 15,000 contract rows as objects until the end.
 */
export async function writeXlsx(tables: ReportTable[], sheetNames: Record<string, string>, file: string, created: Date): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'Clausier';
  wb.created = created;
  wb.modified = created;
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(sheetNames[t.id] ?? t.title), { views: [{ state: 'frozen', ySplit: 1 }] });
    // Widths before the first row: a streamed sheet writes its columns with the first row.
    ws.columns = t.columns.map((c) => ({ width: Math.max(10, Math.min(40, c.length + 2)) }));
    const header = ws.addRow(t.columns.map(spreadsheetCell));
    header.font = { bold: true };
    header.commit();
    for (const row of t.rows()) {
      const added = ws.addRow(row.map((c) => spreadsheetCell(c.value)));
      row.forEach((c, i) => {
        const fmt = NUM_FMT[c.type];
        if (fmt && typeof c.value === 'number') added.getCell(i + 1).numFmt = fmt;
      });
      added.commit();
    }
    ws.commit();
  }
  await wb.commit();
}
