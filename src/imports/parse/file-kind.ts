import { open } from 'node:fs/promises';
import unzipper from 'unzipper';
import type { ImportFormat } from '../import.entity';

/** What an uploaded file is, read from its first bytes (never from its name): a format we read, or what it looks like instead. */
export type FileKind = { format: ImportFormat } | { looksLike: 'pdf' | 'xls' | 'ods' | 'docx' | 'zip' | 'image' | 'html' | 'binary' | 'empty' };

const starts = (head: Buffer, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);

/**
 * The kind of an uploaded file by its content, as a person would describe it: a file renamed `.csv`
 * that is a PDF says so, an XLSX named `.csv` is read as the workbook it is. (The maintained sniffers
 * of npm are ES modules only, which this CommonJS service cannot load: the dozen signatures of the
 * files people mistake for a spreadsheet are read here.)
 */
export async function fileKind(path: string): Promise<FileKind> {
  const file = await open(path, 'r');
  let head: Buffer;
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4096), 0, 4096, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  if (!head.length) return { looksLike: 'empty' };
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { looksLike: 'pdf' };
  if (starts(head, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return { looksLike: 'xls' };
  if (starts(head, 0x50, 0x4b, 0x03, 0x04)) return zipKind(path);
  if (starts(head, 0x89, 0x50, 0x4e, 0x47) || starts(head, 0xff, 0xd8, 0xff) || head.subarray(0, 4).toString('latin1') === 'GIF8') return { looksLike: 'image' };
  // UTF-16 text (Excel's "Unicode text") holds NUL bytes: its byte-order mark says it is text.
  const utf16 = starts(head, 0xff, 0xfe) || starts(head, 0xfe, 0xff);
  const start = head.toString(utf16 ? (head[0] === 0xff ? 'utf16le' : 'latin1') : 'latin1').replace(/^\uFEFF/, '').trimStart().slice(0, 200).toLowerCase();
  // Excel's "Web page" and 2003 XML spreadsheets, often named .xls.
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || (start.startsWith('<?xml') && start.includes('office'))) return { looksLike: 'html' };
  if (!utf16 && head.includes(0)) return { looksLike: 'binary' };
  return { format: 'csv' };
}

/** A ZIP: an Excel workbook, a LibreOffice one, a Word document, or another archive. */
async function zipKind(path: string): Promise<FileKind> {
  let names: string[];
  try {
    names = (await unzipper.Open.file(path)).files.map((f) => f.path);
  } catch {
    // Cut short (its directory is at the end): an XLSX whose reader will say it looks damaged.
    return { format: 'xlsx' };
  }
  if (names.includes('xl/workbook.xml')) return { format: 'xlsx' };
  if (names.includes('content.xml') && names.includes('mimetype')) return { looksLike: 'ods' };
  if (names.includes('word/document.xml')) return { looksLike: 'docx' };
  return { looksLike: 'zip' };
}
