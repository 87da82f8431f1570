import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';

export type Cell = string | number | boolean | null;

/** Free text for COPY's text format: backslash, tab and line breaks escaped (ids, dates and numbers need none). */
export function esc(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** A bytea value in COPY's text format (hex, its backslash escaped). */
export const byteaCell = (b: Buffer) => `\\\\x${b.toString('hex')}`;

/** A text[] or varchar[] literal; elements are quoted (they may hold spaces) and hold no quote or backslash. */
export const arrayCell = (items: readonly string[]) => `{${items.map((s) => `"${s}"`).join(',')}}`;

const FLUSH_AT = 1 << 18;

/**
 * Rows of one table streamed into PostgreSQL by COPY FROM STDIN (text format), in chunks, waiting
 * when the server falls behind so memory stays bounded. Without a client (dry run) rows are only counted.
 */
export class TableSink {
  rows = 0;
  bytes = 0;
  startedAt = 0;
  endedAt = 0;
  private chunks: string[] = [];
  private size = 0;
  private stream: Writable | null = null;
  private failure: Error | null = null;
  private failed: Promise<never> | null = null;

  constructor(
    readonly table: string,
    private readonly columns: readonly string[],
    private readonly client: Client | null,
  ) {}

  /** One row, cells in the order of the columns; strings go as they are (see esc). */
  write(cells: readonly Cell[]): void {
    if (cells.length !== this.columns.length) throw new Error(`${this.table}: ${cells.length} cells for ${this.columns.length} columns`);
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      line += (i ? '\t' : '') + (c === null ? '\\N' : c === true ? 't' : c === false ? 'f' : String(c));
    }
    this.chunks.push(line, '\n');
    this.size += line.length + 1;
    this.rows++;
    if (!this.startedAt) this.startedAt = Date.now();
  }

  /** Sends what is buffered when enough has piled up; awaits the server when it is behind. */
  async flushIfFull(): Promise<void> {
    if (this.size >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.size) return;
    const data = Buffer.from(this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.size = 0;
    this.bytes += data.length;
    if (!this.client) return;
    const stream = this.open();
    if (!stream.write(data)) await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), this.failed]);
  }

  /** Flushes the rest and waits until PostgreSQL has taken every row. */
  async end(): Promise<void> {
    if (this.endedAt) return;
    await this.flush();
    if (this.client && this.stream) {
      const stream = this.stream;
      const done = new Promise((resolve) => stream.once('finish', resolve));
      stream.end();
      await Promise.race([done, this.failed]);
    }
    this.endedAt = Date.now();
  }

  private open(): Writable {
    if (this.stream) return this.stream;
    const cols = this.columns.map((c) => `"${c}"`).join(', ');
    const stream = (this.client as Client).query(copyFrom(`COPY "${this.table}" (${cols}) FROM STDIN`));
    this.failed = new Promise<never>((_, reject) => {
      stream.once('error', (e: Error) => {
        this.failure = new Error(`COPY ${this.table}: ${e.message}`);
        reject(this.failure);
      });
    });
    this.failed.catch(() => undefined);
    this.stream = stream;
    return stream;
  }
}
