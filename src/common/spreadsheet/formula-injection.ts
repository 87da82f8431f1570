import type { Workbook } from 'exceljs';

/**
 * Formula injection (OWASP, "CSV Injection"): a spreadsheet program that opens a CSV or XLSX file
 * reads a text cell beginning with `=`, `+`, `-` or `@` as a formula — `=HYPERLINK("http://…"&A1)`
 * sends the neighbouring cells away, `=cmd|…` runs a program — and a leading tab, carriage return or
 * NUL lets one hide behind blank space. Every file the service writes for a spreadsheet passes its
 * text cells through here: such a cell gets a leading single quote, which spreadsheet programs read
 * as "this is text", and it is shown, not run. The full-width forms are included because Apple
 * Numbers folds them into the ASCII ones (as csv-stringify's `escape_formulas` does).
 *
 * Numbers stay numbers: numeric cells never come here, and a text that is just a number as it is
 * written in a French or English file (`-12,5`, `-3`, `+4.25`, `-12,5 %`) is left alone, since a
 * spreadsheet reads it as that number and runs nothing.
 */
const FORMULA_START = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?(?: ?%)?$/;

/** The text as a spreadsheet will show it without running it. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A cell value for a workbook: text neutralised, numbers, dates and empty cells as they are. */
export function spreadsheetCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

/**
 * Every text cell of a workbook built in memory, neutralised just before it is written: whatever
 * sheet or cell its writer adds, none goes out runnable. (A streamed workbook, whose rows are
 * written as they are added, takes spreadsheetCell row by row instead.)
 */
export function neutraliseWorkbook(wb: Workbook): Workbook {
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value;
        if (typeof value === 'string') cell.value = neutraliseFormula(value);
        else if (value && typeof value === 'object' && 'richText' in value) {
          const text = value.richText.map((r) => r.text).join('');
          if (neutraliseFormula(text) !== text) cell.value = { richText: [{ text: "'" }, ...value.richText] };
        }
      }),
    );
  }
  return wb;
}
