import ExcelJS from 'exceljs';

export type Cells = (string | number | Date | null)[];

/** A workbook as a facilitator fills it: one sheet per table, the header row first. */
export async function workbook(sheets: Record<string, Cells[]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
