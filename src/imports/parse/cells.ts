import { hoursToX100 } from '../../common/units/hours';
import type { StatementSource } from '../../hours-statements/hours-statement.entity';
import type { Cell } from './row-source';

/** One problem with one cell, in the user's words. */
export class CellError extends Error {}

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
    if (cell < 0 || Math.abs(cell * 100 - x100) > 1e-6) throw new CellError('must be a number of hours ≥ 0 with at most 2 decimals, e.g. 151,67');
    return x100;
  }
  let t = text(cell).replace(/[\s\u00a0\u202f]/g, '').replace(/h$/i, '');
  if (t.includes(',') && t.includes('.')) t = t.replace(/\./g, '');
  const x100 = hoursToX100(t.replace(',', '.'));
  if (x100 === null) throw new CellError(t ? `${text(cell)} is not a number of hours ≥ 0 with at most 2 decimals (e.g. 151,67)` : 'is empty: the hours worked in the month are required');
  return x100;
}

/** A month: `2026-03`, `03/2026`, `3/2026`, a date (`01/03/2026`, `2026-03-01`) or a date cell. First day, ISO. */
export function monthCell(cell: Cell): string {
  if (cell instanceof Date) return `${cell.toISOString().slice(0, 7)}-01`;
  const t = text(cell);
  let m = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(t) ?? /^(\d{4})\/(\d{1,2})$/.exec(t);
  if (m) return month(m[1], m[2], t);
  m = /^(?:\d{1,2}\/)?(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return month(m[2], m[1], t);
  throw new CellError(t ? `${t} is not a month (2026-03 or 03/2026)` : 'is empty: the month worked is required (2026-03 or 03/2026)');
}

function month(year: string, mm: string, original: string): string {
  const n = Number(mm);
  if (n < 1 || n > 12) throw new CellError(`${original} is not a month (2026-03 or 03/2026)`);
  return `${year}-${String(n).padStart(2, '0')}-01`;
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
  if (!found) throw new CellError(`${text(cell) || '(empty)'} is not a source: releve_entreprise, releve_intermediaire or bulletin_de_paie`);
  return found;
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
