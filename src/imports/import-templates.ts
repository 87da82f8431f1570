import ExcelJS from 'exceljs';
import { neutraliseWorkbook } from '../common/spreadsheet/formula-injection';
import { frenchCsvRows } from '../common/spreadsheet/french-csv';
import type { FileLayout, LayoutColumn } from './hours/hours-layout';
import type { OnboardingLayout } from './onboarding/onboarding-layout';

/** Rows of a template sheet given their formats and drop-down lists: as many as a person fills in one go. */
const FILLABLE_ROWS = 1_000;

/** The CSV template as French Excel saves it: UTF-8 with BOM, `;`, a header row and the example rows. */
export function csvTemplate(layout: FileLayout): Buffer {
  const lines = [layout.columns.map((c) => c.header), ...layout.example.map((row) => layout.columns.map((c) => row[c.key] ?? ''))];
  return Buffer.from(frenchCsvRows(lines, { bom: true }), 'utf8');
}

/**
 * A sheet to fill, that a person can fill without the manual: header row (frozen, bold), the examples,
 * then, down to row FILLABLE_ROWS, the columns of months, hours, dates and SIRETs as Text (`@`: Excel
 * keeps "03/2026", "151,67" and "35600000000048" as typed instead of a date, a number it may round, or
 * 3,5E+13), and a drop-down list where the column takes one of a few values.
 */
function fillableSheet(wb: ExcelJS.Workbook, name: string, columns: LayoutColumn[], examples: Record<string, string>[]): void {
  const sheet = wb.addWorksheet(name);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4), ...(c.text ? { style: { numFmt: '@' } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).numFmt = 'General';
  for (const row of examples) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, row[c.key] ?? ''])));
  columns.forEach((c, i) => {
    if (!c.choices) return;
    const validation: ExcelJS.DataValidation = {
      type: 'list', allowBlank: !c.required, formulae: [`"${c.choices.join(',')}"`], showErrorMessage: true,
      errorStyle: 'error', errorTitle: c.header, error: `Choisissez dans la liste : ${c.choices.join(', ')}`,
    };
    for (let r = 2; r <= FILLABLE_ROWS; r++) sheet.getCell(r, i + 1).dataValidation = validation;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The notice: the rules in French first, then every column with what it holds. */
function notice(wb: ExcelJS.Workbook, rules: string[], columns: { sheet?: string; column: LayoutColumn }[]): void {
  const help = wb.addWorksheet('Notice');
  const withSheet = columns.some((c) => c.sheet);
  help.columns = [...(withSheet ? [{ width: 16 }] : []), { width: 26 }, { width: 12 }, { width: 100 }];
  help.addRow(['Règles']).font = { bold: true, size: 13 };
  for (const rule of rules) help.addRow([...(withSheet ? [''] : []), '', '', rule]).alignment = { wrapText: true, vertical: 'top' };
  help.addRow([]);
  help.addRow([...(withSheet ? ['Feuille'] : []), 'Colonne', 'Obligatoire', 'Contenu']).font = { bold: true };
  for (const { sheet, column: c } of columns) {
    const values = c.choices ? ` Valeurs : ${c.choices.join(', ')}.` : '';
    help.addRow([...(withSheet ? [sheet ?? ''] : []), c.header, c.required ? 'oui' : 'non', `${c.description}${values}`]);
  }
}

/** Each template is the same for everyone and costs a second or two to build (a list per cell): built once. */
const built = new Map<string, Promise<Buffer>>();
export function once(name: string, build: () => Promise<Buffer>): Promise<Buffer> {
  if (!built.has(name)) built.set(name, build());
  return built.get(name)!;
}

/** The XLSX template: the sheet to fill (header row and examples, formats and lists), and the notice. */
export async function xlsxTemplate(layout: FileLayout): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Clausier';
  fillableSheet(wb, layout.sheetName, layout.columns, layout.example);
  notice(wb, [...layout.rules, layout.notes], layout.columns.map((column) => ({ column })));
  return Buffer.from(await neutraliseWorkbook(wb).xlsx.writeBuffer());
}

/** The onboarding workbook: one sheet per table (header row and examples, formats and lists), then the notice of every sheet. */
export async function onboardingTemplate(layout: OnboardingLayout): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Clausier';
  for (const table of layout.sheets) fillableSheet(wb, table.sheetName, table.columns, table.example);
  notice(wb, [...layout.rules, ...layout.sheets.map((t) => `${t.sheetName} : ${t.description}`)], layout.sheets.flatMap((t) => t.columns.map((column) => ({ sheet: t.sheetName, column }))));
  return Buffer.from(await neutraliseWorkbook(wb).xlsx.writeBuffer());
}
