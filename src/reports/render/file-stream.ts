import { createWriteStream, WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/**
 * A file written piece by piece, waiting whenever the disk falls behind: a regional report's files
 * are written as they are produced instead of being built as one string first (a region's JSON is
 * tens of megabytes of text, twice that in memory).
 */
export class FileStream {
  private readonly out: WriteStream;

  constructor(file: string) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
  }

  async write(text: string): Promise<void> {
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await finished(this.out);
  }
}
