import chardet from 'chardet';
import { open } from 'node:fs/promises';

/** The encodings a CSV is read in, as named to the user in the dry run, and iconv-lite's name for each. */
export const ENCODINGS = { 'UTF-8': 'utf8', 'Windows-1252': 'win1252', 'UTF-16LE': 'utf16le', 'UTF-16BE': 'utf16be' } as const;
export type Encoding = keyof typeof ENCODINGS;

export interface Detected {
  encoding: Encoding;
  /** Bytes of the byte-order mark to skip. */
  bom: number;
}

const CHUNK = 1024 * 1024;

/**
 * The encoding of a text file: its byte-order mark when it has one; else what chardet makes of the
 * first stretch holding a non-ASCII byte — UTF-8 when it is valid UTF-8, Windows-1252 otherwise, the
 * encoding of « CSV (séparateur : point-virgule) » as French Excel saves it (chardet names the
 * single-byte Western encodings ISO-8859-1 or windows-1252 by turns: for a French file they are one,
 * but for €, œ and ’, which only Windows-1252 has). A file of ASCII only reads the same in both: UTF-8.
 */
export async function detectEncoding(path: string): Promise<Detected> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (let position = 0; ; position += CHUNK) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, position);
      const chunk = buffer.subarray(0, bytesRead);
      if (position === 0) {
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return { encoding: 'UTF-8', bom: 3 };
        if (chunk[0] === 0xff && chunk[1] === 0xfe) return { encoding: 'UTF-16LE', bom: 2 };
        if (chunk[0] === 0xfe && chunk[1] === 0xff) return { encoding: 'UTF-16BE', bom: 2 };
      }
      const firstNonAscii = chunk.findIndex((b) => b >= 0x80);
      if (firstNonAscii >= 0) {
        // Back to a line start, so a multi-byte character is never cut at the front of the sample.
        const from = Math.max(0, chunk.lastIndexOf(0x0a, firstNonAscii) + 1);
        return { encoding: chardet.detect(chunk.subarray(from)) === 'UTF-8' ? 'UTF-8' : 'Windows-1252', bom: 0 };
      }
      if (bytesRead < CHUNK) return { encoding: 'UTF-8', bom: 0 };
    }
  } finally {
    await file.close();
  }
}
