import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import unzipper from 'unzipper';

// exceljs's own stream helper, to feed its parsers exactly as its reader does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const iterateStream = require('exceljs/lib/utils/iterate-stream') as (stream: Readable) => AsyncIterable<unknown>;

/** The parts of exceljs 4.4.0's WorkbookReader this reader drives (not in its typings). */
interface ReaderInternals {
  options: { sharedStrings: string; styles: string };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
}

/**
 * exceljs's streaming reader reads the zip in one pass, entry after entry, and needs xl/workbook.xml
 * (which Excel and exceljs store last) before it can name a worksheet. On Node >= 18 that pass
 * intermittently ends before the last entry, and the read fails with "Cannot read properties of
 * undefined (reading 'sheets')" (exceljs issue 3064, unfixed in 4.4.0).
 *
 * This reader opens the zip by its central directory instead: the workbook, its relations, the shared
 * strings and the styles first, then each worksheet, in tab order, streamed row by row from its own entry. Memory
 * stays what it was (one sheet's current rows and the shared strings); the file must be on disk, which
 * uploads are. It drives exceljs's own parsers, so the cell values are the same as before.
 */
export class XlsxFileReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(
    private readonly path: string,
    options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
    /** Called with the share of the workbook's uncompressed parts read so far, 0 to 1. */
    private readonly onProgress: (share: number) => void = () => undefined,
  ) {
    super(path, options);
  }

  override async *parse(): AsyncGenerator<{ eventType: string; value: unknown }> {
    const self = this as unknown as ReaderInternals;
    const zip = await unzipper.Open.file(this.path);
    const part = (name: string) => zip.files.find((f) => f.path === name);
    const total = zip.files.reduce((sum, f) => sum + f.uncompressedSize, 0) || 1;
    let read = 0;
    const open = (file: unzipper.File) => {
      const stream = file.stream() as unknown as Readable;
      stream.on('data', (chunk: Buffer) => this.onProgress(Math.min(1, (read += chunk.length) / total)));
      return stream;
    };

    const rels = part('xl/_rels/workbook.xml.rels');
    const book = part('xl/workbook.xml');
    if (!rels || !book) throw new Error('not an Excel workbook: xl/workbook.xml is missing');
    await self._parseRels(open(rels));
    await self._parseWorkbook(open(book));
    const strings = part('xl/sharedStrings.xml');
    if (strings) yield* self._parseSharedStrings(open(strings)) as AsyncGenerator<{ eventType: string; value: unknown }>;
    const styles = part('xl/styles.xml');
    if (styles) await self._parseStyles(open(styles));

    // The sheets in the workbook's tab order, each found through its relation: a part's number need
    // not follow the tabs, and some writers give absolute targets ("/xl/worksheets/sheet1.xml").
    const model = (this as unknown as { model?: { sheets?: { id: number; name: string; rId: string; state?: string }[] } }).model;
    const relations = (this as unknown as { workbookRels?: { Id: string; Target: string }[] }).workbookRels ?? [];
    for (const tab of model?.sheets ?? []) {
      const target = relations.find((r) => r.Id === tab.rId)?.Target;
      if (!target) continue;
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      const file = part(path);
      const no = /worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];
      if (!file || !no) continue;
      for (const event of self._parseWorksheet(iterateStream(open(file)), no) as Generator<{ eventType: string; value: unknown }>) {
        // exceljs names a sheet only when its relation's target is relative: name it from the tab.
        if (event.eventType === 'worksheet') Object.assign(event.value as object, { id: tab.id, name: tab.name, state: tab.state });
        yield event;
      }
    }
  }
}
