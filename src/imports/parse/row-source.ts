import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { type Message, msg } from '../../common/messages';
import { FileRefused } from '../checked-import';
import type { ImportFormat } from '../import.entity';
import { type Detected, detectEncoding, type Encoding, ENCODINGS } from './encoding';
import { openWorkbook } from './workbook-source';

/** A cell as read: text from a CSV; text, number or date from a spreadsheet. */
export type Cell = string | number | Date | null;

export interface SourceRow {
  /** Line in the file, the header being line 1. */
  line: number;
  values: Cell[];
}

export interface Sheet {
  headers: string[];
  rows: AsyncIterable<SourceRow>;
  /** A CSV's character encoding, as detected. */
  encoding?: Encoding;
}

/** Share of the file read so far, 0..1, for the progress shown to the user. */
export type OnRead = (share: number) => void;

/**
 * The rows of an uploaded file, streamed: a CSV as Excel saves it (UTF-8 with or without BOM,
 * Windows-1252, UTF-16 "Unicode text"; `;`, `,` or tabs), or the first sheet of an XLSX workbook.
 * Nothing holds the whole file in memory.
 */
export async function openSheet(path: string, format: ImportFormat, size: number, onRead: OnRead = () => undefined): Promise<Sheet> {
  return format === 'csv' ? openCsv(path, size, onRead) : openXlsx(path, onRead);
}

/**
 * `;` when the header line has one (French Excel), else a tab (Excel's "Unicode text"), else `,`: a
 * decimal comma then never splits a cell.
 */
async function detectDelimiter(path: string, { encoding, bom }: Detected): Promise<';' | '\t' | ','> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, bom);
    const firstLine = iconv.decode(buffer.subarray(0, bytesRead), ENCODINGS[encoding]).split(/\r?\n/, 1)[0];
    return firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  } finally {
    await file.close();
  }
}

async function openCsv(path: string, size: number, onRead: OnRead): Promise<Sheet> {
  const detected = await detectEncoding(path);
  const delimiter = await detectDelimiter(path, detected);
  const input = createReadStream(path, { start: detected.bom });
  let read = 0;
  input.on('data', (chunk) => {
    read += chunk.length;
    onRead(size ? read / size : 1);
  });
  const parser = input
    .pipe(iconv.decodeStream(ENCODINGS[detected.encoding]))
    .pipe(parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  // A file that is not valid CSV is the user's to correct: read again, it would fail again, so it is
  // refused at once instead of retried as a fault of the service.
  let lastLine = 0;
  const nextRecord = async () => {
    try {
      const got = await records.next();
      if (!got.done) lastLine = got.value.info.lines;
      return got;
    } catch (e) {
      throw e instanceof CsvError ? new FileRefused(csvProblem(e, lastLine)) : e;
    }
  };
  const first = await nextRecord();
  const headers = first.done ? [] : first.value.record;
  async function* rows(): AsyncIterable<SourceRow> {
    for (;;) {
      const got = await nextRecord();
      if (got.done) return;
      if (got.value.record.every((v) => v === '')) continue;
      yield { line: got.value.info.lines, values: got.value.record };
    }
  }
  return { headers, rows: rows(), encoding: detected.encoding };
}

/**
 * What is wrong, for the user. A quote never closed swallows the rest of the file, and the parser
 * names the file's last line: the place to look is just after the last row read.
 */
function csvProblem(e: CsvError, lastLine: number): Message {
  return e.code === 'CSV_QUOTE_NOT_CLOSED' ? msg('import.csv_quote_not_closed', { line: lastLine }) : msg('import.csv_unreadable', { detail: e.message });
}

/** The first sheet of a workbook; the others are read through and ignored. */
async function openXlsx(path: string, onRead: OnRead): Promise<Sheet> {
  const sheets = openWorkbook(path, onRead);
  const first = await sheets.next();
  if (first.done) return { headers: [], rows: (async function* () {})() };
  async function* rows(): AsyncIterable<SourceRow> {
    yield* first.value.rows;
    // Drain the rest of the workbook so the reader closes its file.
    for (;;) if ((await sheets.next()).done) break;
  }
  return { headers: first.value.headers, rows: rows() };
}
