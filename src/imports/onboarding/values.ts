import { msg } from '../../common/messages';
import { isIsoDate } from '../../common/units/calendar';
import { CellError, normaliseKey, text } from '../parse/cells';
import type { Cell } from '../parse/row-source';

export { siretCell } from '../parse/cells';

/**
 * Cells of an onboarding workbook as French users type them (dates 31/03/2026, amounts 1 234 567,89 €,
 * rates 5 %), read into the API's own values. Each parser throws a CellError saying what was expected;
 * an empty cell is `null` for the optional ones.
 */

export function requiredText(cell: Cell, max: number): string {
  const t = text(cell);
  if (!t) throw new CellError(msg('cell.required'));
  if (t.length > max) throw new CellError(msg('cell.too_long', { max }));
  return t;
}

export function optionalText(cell: Cell, max: number): string | null {
  return text(cell) ? requiredText(cell, max) : null;
}

/** A date cell, 2026-03-31 or 31/03/2026: ISO, real dates only. */
export function dateCell(cell: Cell): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const t = text(cell);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = fr ? `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}` : t;
  if (!isIsoDate(iso)) throw new CellError(t ? msg('cell.date_invalid', { value: t }) : msg('cell.date_empty'));
  return iso;
}

export const optionalDate = (cell: Cell): string | null => (text(cell) ? dateCell(cell) : null);

/** A French decimal with at most two decimals, in hundredths: 1 234 567,89 € → 123456789. */
function hundredths(cell: Cell, what: 'amount' | 'percentage'): number | null {
  if (typeof cell === 'number') {
    const x100 = Math.round(cell * 100);
    if (cell < 0 || Math.abs(cell * 100 - x100) > 1e-6 || !Number.isSafeInteger(x100)) throw new CellError(msg('cell.number_invalid', { what }));
    return x100;
  }
  let t = text(cell).replace(/[\s\u00a0\u202f€%]/g, '');
  if (!t) return null;
  if (t.includes(',') && t.includes('.')) t = t.replace(/\./g, '');
  const m = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) throw new CellError(msg('cell.number_invalid', { value: text(cell), what }));
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Euros → integer cents (DOMAIN: money is integer cents). */
export function euroCents(cell: Cell): number | null {
  return hundredths(cell, 'amount');
}

/**
 * A rate in percent (5, 5 %, 5,25) → a share 0..1 with at most four decimals, as numeric(5,4) holds it.
 * A number cell of at most 1 is a cell Excel formats as a percentage (5 % is stored as 0.05).
 */
export function percentShare(cell: Cell): number | null {
  if (typeof cell === 'number' && cell >= 0 && cell <= 1) {
    const e4 = Math.round(cell * 10_000);
    if (Math.abs(cell * 10_000 - e4) > 1e-6) throw new CellError(msg('cell.percent_decimals'));
    return e4 / 10_000;
  }
  const x100 = hundredths(cell, 'percentage');
  if (x100 === null) return null;
  if (x100 > 10_000) throw new CellError(msg('cell.percent_range'));
  return x100 / 10_000;
}

/** An INSEE department code; a number cell 1 stands for 01. */
export function departmentCell(cell: Cell): string {
  const t = typeof cell === 'number' && cell < 10 ? `0${cell}` : text(cell).toUpperCase();
  if (!/^(\d{2}|2A|2B|\d{3})$/.test(t)) throw new CellError(t ? msg('cell.department_invalid', { value: t }) : msg('cell.department_empty'));
  return t;
}

/** Several department codes: "93, 94" or "93;94". */
export function departmentList(cell: Cell): string[] {
  const parts = text(cell).split(/[\s,;/]+/).filter(Boolean);
  return [...new Set(parts.map((p) => departmentCell(/^\d$/.test(p) ? Number(p) : p)))];
}

/** An enumeration typed in French or as the API's code; accents, case and spaces ignored. `expected`: the spellings to suggest. */
export function enumCell<T extends string>(cell: Cell, values: Record<string, T>, expected: string[]): T {
  const found = values[normaliseKey(text(cell))];
  if (!found) throw new CellError(msg('cell.enum_invalid', { value: text(cell), expected }));
  return found;
}

export function optionalEnum<T extends string>(cell: Cell, values: Record<string, T>, expected: string[]): T | null {
  return text(cell) ? enumCell(cell, values, expected) : null;
}

/** Spellings of an enumeration: each code, lower-cased, stands for itself besides the French words given. */
export function spellings<T extends string>(codes: readonly T[], french: Record<string, T>): Record<string, T> {
  return { ...Object.fromEntries(codes.map((c) => [normaliseKey(c), c])), ...french };
}

export const YES_NO = { oui: true, o: true, yes: true, y: true, true: true, vrai: true, '1': true, x: true, non: false, n: false, no: false, false: false, faux: false, '0': false } as Record<
  string,
  boolean
>;

export function yesNoCell(cell: Cell): boolean {
  const v = YES_NO[normaliseKey(text(cell))];
  if (v === undefined) throw new CellError(msg('cell.yes_no', { value: text(cell) }));
  return v;
}
