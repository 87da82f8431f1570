import { type Message, msg } from '../../common/messages';
import { hoursToX100 } from '../../common/units/hours';
import type { StatementSource } from '../../hours-statements/hours-statement.entity';
import { isValidSiret } from '../../organisations/siret';
import type { Cell } from './row-source';

/** One problem with one cell, as a sentence of the message catalogue. */
export class CellError extends Error {
  constructor(readonly said: Message) {
    super(said.key);
  }
}

export function text(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/**
 * Hours as French Excel writes them: `151,67`, `1 234,50` (spaces or no-break spaces between
 * thousands), `1.234,50`, `151.67`, or a number cell; at most two decimals. Hundredths, exactly.
 */
export function hoursCell(cell: Cell): number {
  if (typeof cell === 'number') {
    // A spreadsheet number: 151.67 may arrive as 151.66999999999999; two decimals at most were typed.
    const x100 = Math.round(cell * 100);
    if (cell < 0 || Math.abs(cell * 100 - x100) > 1e-6) throw new CellError(msg('cell.hours_invalid', {}));
    return x100;
  }
  let t = text(cell).replace(/[\s\u00a0\u202f]/g, '').replace(/h$/i, '');
  if (t.includes(',') && t.includes('.')) t = t.replace(/\./g, '');
  const x100 = hoursToX100(t.replace(',', '.'));
  if (x100 === null) throw new CellError(t ? msg('cell.hours_invalid', { value: text(cell) }) : msg('cell.hours_empty'));
  return x100;
}

/** Excel's day 0 (its serial numbers count days from 1899-12-30, the 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serial numbers taken for a date: 2000-01-01 to 2099-12-31. A smaller or larger number is no month. */
const SERIALS = { from: 36_526, to: 73_050 };

/**
 * A month as French Excel and LibreOffice write it, first day, ISO: a date cell or its serial number
 * (46082), `2026-03`, `03/2026`, `3-2026`, a date (`01/03/2026`, `01/03/26`, `2026-03-15`), a month
 * name or abbreviation with or without a dot (`mars 2026`, `mars-26`, `nov.-26`, `01-mars-26`,
 * `Févr. 2026`), `202603`. A two-digit year is read as Excel reads it (00–29: 20xx). Refused, saying
 * why: a month without its year (`mars`), and what can be read two ways (`03/04`, `ju-26`).
 */
export function monthCell(cell: Cell): string {
  if (cell instanceof Date) return `${cell.toISOString().slice(0, 7)}-01`;
  if (typeof cell === 'number') {
    const month = Number.isInteger(cell) ? compactMonth(String(cell)) : null;
    if (month) return month;
    if (cell >= SERIALS.from && cell < SERIALS.to + 1) return `${new Date(EXCEL_EPOCH_MS + Math.floor(cell) * 86_400_000).toISOString().slice(0, 7)}-01`;
    throw new CellError(msg('cell.month_invalid', { value: String(cell) }));
  }
  const t = text(cell);
  if (!t) throw new CellError(msg('cell.month_empty'));
  const found = readMonth(t.normalize('NFC').toLowerCase().replace(/[\s\u00a0\u202f]+/g, ' '), t);
  if (!found) throw new CellError(msg('cell.month_invalid', { value: t }));
  return found;
}

function readMonth(s: string, original: string): string | null {
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(s);
  if (m) return month(m[1], m[2], m[3]);
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return month(m[2], m[1]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s);
  if (m) return month(fullYear(m[3]), m[2], m[1]);
  m = /^(\d{1,2})[-/.](\d{2})$/.exec(s);
  if (m) {
    // 03/26 is March 2026 (LibreOffice's MM/YY): 26 cannot be a month. 03/04 may also be the 3rd of April.
    if (Number(m[2]) >= 1 && Number(m[2]) <= 12) {
      throw new CellError(msg('cell.month_day_or_year', { value: original, asMonth: month(fullYear(m[2]), m[1]) ?? '', day: Number(m[1]), dayMonth: `2000-${m[2].padStart(2, '0')}` }));
    }
    return month(fullYear(m[2]), m[1]);
  }
  if (/^\d+$/.test(s)) {
    const compact = compactMonth(s);
    if (compact) return compact;
    const serial = Number(s);
    return serial >= SERIALS.from && serial <= SERIALS.to ? `${new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 7)}-01` : null;
  }
  // A month's name: `mars 2026`, `mars-26`, `nov.-26`, `1er mars 2026`, `01-mars-26`.
  m = /^(?:(\d{1,2})(?:er)?[ .\-/]*)?(\p{L}+)\.?[ .\-/']*(\d{2}|\d{4})?$/u.exec(s);
  if (!m) return null;
  const n = monthNumber(m[2], original);
  if (n === null) return null;
  if (!m[3]) throw new CellError(msg('cell.month_no_year', { value: original }));
  return month(fullYear(m[3]), String(n), m[1]);
}

/** `202603`: year and month run together. */
function compactMonth(s: string): string | null {
  const m = /^(19|20)(\d{2})(0[1-9]|1[0-2])$/.exec(s);
  return m ? `${m[1]}${m[2]}-${m[3]}-01` : null;
}

/** A two-digit year as Excel reads it: 00–29 are 2000–2029, 30–99 are 1930–1999. */
const fullYear = (y: string) => (y.length === 4 ? y : `${Number(y) < 30 ? '20' : '19'}${y}`);

function month(year: string, mm: string, day?: string): string | null {
  const n = Number(mm);
  if (n < 1 || n > 12) return null;
  if (day !== undefined && (Number(day) < 1 || Number(day) > new Date(Date.UTC(Number(year), n, 0)).getUTCDate())) return null;
  return `${year}-${String(n).padStart(2, '0')}-01`;
}

/** The months' names in French (as Excel abbreviates them too) and English, without accents. */
const NAMES = [
  ['janvier', 'january'], ['fevrier', 'february'], ['mars', 'march'], ['avril', 'april'], ['mai', 'may'], ['juin', 'june'],
  ['juillet', 'july'], ['aout', 'august'], ['septembre', 'september'], ['octobre', 'october'], ['novembre', 'november'], ['decembre', 'december'],
];
const FRENCH = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * The month a name or any abbreviation of it stands for (`nov`, `févr`, `sept`, `juil`, `déc`); null
 * for a word that is no month; refused when the letters begin two months (`ju`, `ma`).
 */
function monthNumber(word: string, original: string): number | null {
  const w = word.normalize('NFD').replace(/\p{M}/gu, '');
  const exact = NAMES.findIndex((names) => names.includes(w));
  if (exact >= 0) return exact + 1;
  if (w.length < 2) return null;
  const candidates = NAMES.map((names, i) => (names.some((n) => n.startsWith(w)) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 1) return candidates[0] + 1;
  if (candidates.length > 1) throw new CellError(msg('cell.month_abbreviation', { value: original, names: candidates.map((i) => FRENCH[i]) }));
  return null;
}

const SOURCES: Record<string, StatementSource> = {
  company_statement: 'company_statement', releve_entreprise: 'company_statement', entreprise: 'company_statement', releve_employeur: 'company_statement',
  intermediary_statement: 'intermediary_statement', releve_intermediaire: 'intermediary_statement', intermediaire: 'intermediary_statement',
  etti: 'intermediary_statement', ai: 'intermediary_statement', geiq: 'intermediary_statement',
  payslip: 'payslip', bulletin_de_paie: 'payslip', bulletin_de_salaire: 'payslip', fiche_de_paie: 'payslip',
};

/** The source of the hours, in French or as the API's code; accents, case and spaces ignored. */
export function sourceCell(cell: Cell): StatementSource {
  const key = normaliseKey(text(cell));
  const found = SOURCES[key];
  if (!found) throw new CellError(msg('cell.source_invalid', { value: text(cell) }));
  return found;
}

/** Excel's way of writing a long number it took for a quantity: `3,5E+13`, `3.50E+13`. */
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

/**
 * A SIRET: 14 digits, Luhn-checked (isValidSiret, the API's rule). Spaces typed between groups are
 * dropped; a number cell of a workbook keeps its digits (14 digits fit a double exactly), a leading zero
 * it lost comes back. A SIRET a spreadsheet wrote in scientific notation has lost its last digits:
 * refused, saying so and how to keep the column as text.
 */
export function siretCell(cell: Cell): string {
  const t = (typeof cell === 'number' ? (Number.isInteger(cell) ? String(cell).padStart(14, '0') : String(cell)) : text(cell)).replace(/[\s\u00a0\u202f]/g, '');
  if (!t) throw new CellError(msg('cell.siret_empty'));
  if (SCIENTIFIC.test(t)) throw new CellError(msg('cell.siret_scientific', { value: t }));
  if (/^\d{13}$/.test(t)) throw new CellError(msg('cell.siret_leading_zero', { value: t }));
  if (!/^\d{14}$/.test(t)) throw new CellError(msg('cell.siret_digits', { value: t }));
  if (!isValidSiret(t)) throw new CellError(msg('cell.siret_check_digit', { value: t }));
  return t;
}

/** `Code bénéficiaire` → `code_beneficiaire`: how headers and codes are compared. */
export function normaliseKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
