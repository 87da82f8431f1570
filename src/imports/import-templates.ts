import ExcelJS from 'exceljs';
import { neutraliseWorkbook } from '../common/spreadsheet/formula-injection';
import { frenchCsvRows } from '../common/spreadsheet/french-csv';
import { FileLayout } from './hours/hours-layout';
import type { OnboardingLayout } from './onboarding/onboarding-layout';

/** The CSV template as French Excel saves it: UTF-8 with BOM, `;`, a header row and the example rows. */
export function csvTemplate(layout: FileLayout): Buffer {
  const lines = [layout.columns.map((c) => c.header), ...layout.example.map((row) => layout.columns.map((c) => row[c.key] ?? ''))];
  return Buffer.from(frenchCsvRows(lines, { bom: true }), 'utf8');
}

/** The XLSX template: the sheet to fill (header row and examples), and a sheet explaining each column. */
export async function xlsxTemplate(layout: FileLayout): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Clausier';
  const sheet = wb.addWorksheet(layout.sheetName);
  sheet.columns = layout.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) }));
  sheet.getRow(1).font = { bold: true };
  // Text cells, so Excel keeps "2026-03" and "151,67" as typed.
  for (const row of layout.example) sheet.addRow(Object.fromEntries(layout.columns.map((c) => [c.key, row[c.key] ?? ''])));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('Notice');
  help.columns = [{ header: 'Colonne', width: 22 }, { header: 'Obligatoire', width: 12 }, { header: 'Contenu', width: 90 }];
  help.getRow(1).font = { bold: true };
  for (const c of layout.columns) help.addRow([c.header, c.required ? 'oui' : 'non', c.description]);
  help.addRow([]);
  help.addRow(['', '', layout.notes]);
  return Buffer.from(await neutraliseWorkbook(wb).xlsx.writeBuffer());
}

/**
 * The onboarding workbook: one sheet per table (header row and examples, as text cells so Excel keeps
 * "2026-03" and "151,67" as typed), then a notice listing every column of every sheet.
 */
export async function onboardingTemplate(layout: OnboardingLayout): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Clausier';
  for (const table of layout.sheets) {
    const sheet = wb.addWorksheet(table.sheetName);
    sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.example) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, row[c.key] ?? ''])));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const help = wb.addWorksheet('Notice');
  help.columns = [{ header: 'Feuille', width: 16 }, { header: 'Colonne', width: 26 }, { header: 'Obligatoire', width: 12 }, { header: 'Contenu', width: 100 }];
  help.getRow(1).font = { bold: true };
  for (const table of layout.sheets) {
    help.addRow([table.sheetName, '', '', table.description]).font = { bold: true };
    for (const c of table.columns) help.addRow([table.sheetName, c.header, c.required ? 'oui' : 'non', c.description]);
  }
  help.addRow([]);
  help.addRow(['', '', '', layout.notes]);
  return Buffer.from(await neutraliseWorkbook(wb).xlsx.writeBuffer());
}
