import ExcelJS from 'exceljs';
import { msg } from '../../common/messages';
import { FileRefused } from '../checked-import';
import type { Cell, OnRead, Sheet, SourceRow } from './row-source';
import { XlsxFileReader } from './xlsx-reader';

/** A sheet of a workbook, with its name as the user wrote it. */
export interface NamedSheet extends Sheet {
  name: string;
}

/**
 * The sheets of an XLSX workbook, streamed one after the other: each sheet's rows must be read (or
 * left) before asking for the next sheet. Nothing holds the whole workbook in memory. onRead gets the
 * share of the workbook read so far.
 */
export async function* openWorkbook(path: string, onRead: OnRead = () => undefined): AsyncGenerator<NamedSheet> {
  const reader = new XlsxFileReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' }, onRead);
  const worksheets = reader[Symbol.asyncIterator]();
  for (;;) {
    const next = await worksheets.next().catch((e: unknown) => Promise.reject(unreadable(e)));
    if (next.done) return;
    const ws = next.value as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
    const sheet = { name: ws.name, ...(await sheetOf(ws)) };
    yield sheet;
    // A sheet the caller left (a notice) is read to its end, so its entry's file handle closes.
    for await (const row of sheet.rows) void row;
  }
}

/** The header is the first row with any value (a title row above it would be a different template). */
async function sheetOf(ws: AsyncIterable<ExcelJS.Row>): Promise<Sheet> {
  const rowIterator = ws[Symbol.asyncIterator]();
  const nextRow = () => rowIterator.next().catch((e: unknown) => Promise.reject(unreadable(e)));
  let headerLine: number;
  let headers: string[];
  for (;;) {
    const r = await nextRow();
    if (r.done) return { headers: [], rows: (async function* () {})() };
    const values = rowValues(r.value);
    if (values.some((v) => v !== null && v !== '')) {
      headers = values.map((v) => (v === null ? '' : String(v)));
      headerLine = r.value.number;
      break;
    }
  }
  async function* rows(): AsyncIterable<SourceRow> {
    for (;;) {
      const r = await nextRow();
      if (r.done) return;
      const values = rowValues(r.value);
      if (r.value.number > headerLine && values.some((v) => v !== null && v !== '')) yield { line: r.value.number, values };
    }
  }
  return { headers, rows: rows() };
}

/**
 * A failure to read the workbook is the file's (truncated, damaged, not really XLSX): read again, it
 * would fail again, so it is refused at once with the reader's reason, not retried as a fault of the
 * service. A system error (the disk, a file handle) is the machine's, and left to the job's retries.
 */
function unreadable(e: unknown): unknown {
  if (e instanceof FileRefused || (e instanceof Error && 'syscall' in e)) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new FileRefused(msg('import.xlsx_damaged', { detail: reason }));
}

/** Cell values of a spreadsheet row, 0-based; rich text, formulas and links reduced to their value. */
function rowValues(row: ExcelJS.Row): Cell[] {
  const values = (row.values as unknown[]).slice(1);
  return values.map((v) => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'boolean') return String(v);
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.result !== undefined) return o.result instanceof Date || typeof o.result === 'number' ? o.result : String(o.result);
    if (o.text !== undefined) return String(o.text);
    return String(v);
  });
}
