import type { Message } from '../../common/messages';
import { msg } from '../../common/messages';
import type { LoadedSheet, RowDone, SheetRow } from './sheet-rows';

/** A column of a row whose value differs from the record it matched: as typed in the file, and as recorded. */
export interface Difference {
  column: string;
  file: string;
  current: string;
}

/** A column the import compares: the file's value (parsed) against the record's, and whether an import may update it. */
export interface Compared {
  key: string;
  file: unknown;
  current: unknown;
  /** As the API lets the uploader change it (PATCH by a facilitator): an import with updateExisting writes it. */
  updatable: boolean;
  /** How the recorded value is shown (the file's is shown as typed). */
  show?: (current: unknown) => string;
}

/** What differs between a row and the record it matched (filled cells only: an empty cell means "as recorded"). */
export function differences(sheet: LoadedSheet, row: SheetRow, compared: Compared[]): (Difference & { key: string; updatable: boolean })[] {
  return compared
    .filter((c) => sheet.filled(row, c.key) && !same(c.file, c.current))
    .map((c) => ({ key: c.key, updatable: c.updatable, column: sheet.column(c.key), file: row.raw[sheet.column(c.key)] ?? String(c.file), current: (c.show ?? shown)(c.current) }));
}

/** The note on a row whose record differs: what differs, and what an import with updateExisting updates (or updated). */
export function differsNote(diffs: (Difference & { updatable: boolean })[], updated = false): { code: string; column: string; reason: Message } {
  const differences = diffs.map(({ column, file, current, updatable }) => ({ column, file, current, updatable }));
  return { code: 'differs_from_record', column: diffs[0].column, reason: msg('differs_from_record', { differences, updated }) };
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return (a ?? null) === (b ?? null);
}

function shown(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

/**
 * A matched record compared with its row: unchanged, noted when it differs, and updated by `update`
 * (given the differing updatable keys) when the uploader confirmed with updateExisting.
 */
export async function matched(
  ctx: { updateExisting: boolean },
  id: string,
  diffs: (Difference & { key: string; updatable: boolean })[],
  update: (keys: string[]) => Promise<void>,
): Promise<RowDone> {
  if (!diffs.length) return { id, created: false };
  const keys = diffs.filter((d) => d.updatable).map((d) => d.key);
  if (!ctx.updateExisting || !keys.length) return { id, created: false, note: differsNote(diffs) };
  await update(keys);
  return { id, created: false, updated: true, note: differsNote(diffs, true) };
}

/** Cents as the file writes euros: 1 000 000,00. */
export const euros = (cents: unknown) => (Number(cents) / 100).toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
