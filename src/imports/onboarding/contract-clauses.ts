import type { EntityManager } from 'typeorm';
import type { ClauseKind } from '../../clauses/clause.entity';
import type { TermsInput } from '../../clauses/dto/terms-input.dto';
import { termsFromInput, type TermsColumns } from '../../clauses/terms';
import { DomainError } from '../../common/errors/domain-errors';
import { type Message, msg, verbatim } from '../../common/messages';
import { CellError, hoursCell } from '../parse/cells';
import type { Cell } from '../parse/row-source';
import { LoadedSheet, Refusal, SheetRow } from './sheet-rows';
import { CLAUSE_KIND, CLAUSE_KIND_TEXT, RESERVATION, RESERVATION_TEXT, TARGET_MODE, TARGET_MODE_TEXT } from './spellings';
import { enumCell, euroCents, optionalEnum, optionalText, percentShare } from './values';

/** The column of the marches sheet holding each input of the API's terms (TermsInput). */
const COLUMN_OF: Record<keyof TermsInput, string> = {
  targetMode: 'mode', fixedHours: 'heures_cibles', labourShare: 'part_main_oeuvre', insertionRate: 'taux_insertion', hourlyCostCents: 'cout_horaire',
  centsPerHour: 'euros_par_heure', penaltyCentsPerHour: 'penalite_par_heure', smeMinShare: 'part_pme_min', reservation: 'reservation',
};
const CLAUSE_COLUMNS = ['libelle_clause', ...Object.values(COLUMN_OF)];

export interface FileClause {
  kind: ClauseKind;
  label: string | null;
  terms: TermsColumns;
}

/** Euros as cents within the API's bounds (integers, 1..2e9 or 0..2e9). */
const cents = (min: number) => (cell: Cell) => {
  const v = euroCents(cell);
  if (v !== null && (v < min || v > 2_000_000_000)) throw new CellError(msg('cell.cents_range', { min: min > 0 }));
  return v;
};

/**
 * The clause a row of the marches sheet describes, or null when its clause columns are empty. The
 * terms are checked by the API's own termsFromInput: the same fields per kind and target mode, the
 * same codes and reasons, reported on the file's column.
 */
export function readClause(sheet: LoadedSheet, row: SheetRow): FileClause | null {
  if (!sheet.filled(row, 'type_clause')) {
    const stray = CLAUSE_COLUMNS.find((k) => sheet.filled(row, k));
    if (stray) throw sheet.refuse('type_clause', msg('clause.kind_missing', { kinds: CLAUSE_KIND_TEXT }));
    return null;
  }
  const kind = sheet.read(row, 'type_clause', (c) => enumCell(c, CLAUSE_KIND, CLAUSE_KIND_TEXT));
  const fixed = sheet.read(row, 'heures_cibles', (c) => (sheet.filled(row, 'heures_cibles') ? hoursCell(c) : null));
  const input: TermsInput = {
    targetMode: sheet.read(row, 'mode', (c) => optionalEnum(c, TARGET_MODE, TARGET_MODE_TEXT)) ?? undefined,
    fixedHours: fixed === null ? undefined : (fixed / 100).toFixed(2),
    labourShare: sheet.read(row, 'part_main_oeuvre', percentShare) ?? undefined,
    insertionRate: sheet.read(row, 'taux_insertion', percentShare) ?? undefined,
    hourlyCostCents: sheet.read(row, 'cout_horaire', cents(1)) ?? undefined,
    centsPerHour: sheet.read(row, 'euros_par_heure', cents(1)) ?? undefined,
    penaltyCentsPerHour: sheet.read(row, 'penalite_par_heure', cents(0)) ?? undefined,
    smeMinShare: sheet.read(row, 'part_pme_min', percentShare) ?? undefined,
    reservation: sheet.read(row, 'reservation', (c) => optionalEnum(c, RESERVATION, RESERVATION_TEXT)) ?? undefined,
  };
  const label = sheet.read(row, 'libelle_clause', (c) => optionalText(c, 300));
  try {
    return { kind, label, terms: termsFromInput(kind, input) };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const detail = e.details[0];
    const key = detail ? COLUMN_OF[detail.field as keyof TermsInput] : undefined;
    // The API's own reason for the term (clauses/terms.ts): its sentence of the catalogue when it has one.
    throw new Refusal(e.code, key ? sheet.column(key) : sheet.column('type_clause'), (detail?.said ?? e.said ?? verbatim(detail?.reason ?? e.message)) as Message);
  }
}

/** Two sets of terms are the same target (numeric columns come back from the database as text). */
export function sameTerms(a: TermsColumns, b: Record<string, unknown>): boolean {
  return (Object.keys(a) as (keyof TermsColumns)[]).every((k) => {
    const x = a[k];
    const y = b[k];
    if (x === null || y === null || y === undefined) return x === null && (y === null || y === undefined);
    return typeof x === 'number' ? Number(y) === x : x === y;
  });
}

export interface StandingClause {
  id: string;
  contractId: string;
  kind: ClauseKind;
  terms: Record<string, unknown>;
}

/** The clauses of these contracts with their original terms, keyed as TermsColumns. */
export async function standingClauses(m: EntityManager, contractIds: string[]): Promise<StandingClause[]> {
  if (!contractIds.length) return [];
  const rows = (await m.query(
    `SELECT cl.id, cl.contract_id AS "contractId", cl.kind, t.target_mode AS "targetMode", t.fixed_hours_x100 AS "fixedHoursX100", t.labour_share AS "labourShare",
            t.insertion_rate AS "insertionRate", t.hourly_cost_cents AS "hourlyCostCents", t.cents_per_hour AS "centsPerHour",
            t.penalty_cents_per_hour AS "penaltyCentsPerHour", t.sme_min_share AS "smeMinShare", t.reservation
       FROM clauses cl JOIN clause_terms t ON t.clause_id = cl.id AND t.effective_from IS NULL
      WHERE cl.contract_id = ANY($1::uuid[]) ORDER BY cl.created_at, cl.id`,
    [contractIds],
  )) as (Record<string, unknown> & { id: string; contractId: string; kind: ClauseKind })[];
  return rows.map(({ id, contractId, kind, ...terms }) => ({ id, contractId, kind, terms }));
}

export async function insertClause(m: EntityManager, contractId: string, c: FileClause): Promise<string> {
  const [{ id }] = (await m.query(`INSERT INTO clauses (contract_id, kind, label) VALUES ($1, $2, $3) RETURNING id`, [contractId, c.kind, c.label])) as { id: string }[];
  const t = c.terms;
  await m.query(
    `INSERT INTO clause_terms (clause_id, effective_from, target_mode, fixed_hours_x100, labour_share, insertion_rate, hourly_cost_cents, cents_per_hour,
                               penalty_cents_per_hour, sme_min_share, reservation)
     VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, t.targetMode, t.fixedHoursX100, t.labourShare, t.insertionRate, t.hourlyCostCents, t.centsPerHour, t.penaltyCentsPerHour, t.smeMinShare, t.reservation],
  );
  return id;
}
