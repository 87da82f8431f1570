import { type Message, msg } from '../../common/messages';
import { readTemplate } from '../../common/templates-dir';
import { CellError, hoursCell, monthCell, normaliseKey, siretCell, sourceCell, text } from '../parse/cells';
import type { Cell, SourceRow } from '../parse/row-source';

export interface LayoutColumn {
  key: string;
  header: string;
  aliases: string[];
  required: boolean;
  description: string;
  /** Kept as text in the XLSX template (Excel would turn 03/2026 into a date, a SIRET into 3,5E+13). */
  text?: boolean;
  /** The values offered in a drop-down list of the XLSX template. */
  choices?: string[];
}

/** A kind of file: its columns (headers as the template names them, and accepted spellings) and an example. */
export interface FileLayout {
  kind: string;
  fileName: string;
  sheetName: string;
  notes: string;
  /** The rules a person filling the file needs, in French: the template's notice. */
  rules: string[];
  columns: LayoutColumn[];
  example: Record<string, string>[];
}

let cached: FileLayout | undefined;
/** The monthly hours statements file, as described in templates/imports/hours-statements.json. */
export function hoursLayout(): FileLayout {
  cached ??= readTemplate<FileLayout>('imports/hours-statements.json');
  return cached;
}

/** Where each known column sits in the file, and the file's own header text for it (used in messages). */
export interface ColumnMap {
  index: Partial<Record<string, number>>;
  header: Record<string, string>;
}

/** Maps the file's headers to the layout; a missing required column refuses the whole file. */
export function mapColumns(headers: string[], layout: Pick<FileLayout, 'columns'>): { map: ColumnMap; problems: Message[] } {
  const normalised = headers.map(normaliseKey);
  const map: ColumnMap = { index: {}, header: {} };
  for (const c of layout.columns) {
    const i = normalised.findIndex((h) => h === c.key || c.aliases.includes(h));
    map.header[c.key] = i >= 0 ? headers[i] : c.header;
    if (i >= 0) map.index[c.key] = i;
  }
  const problems = layout.columns.filter((c) => c.required && map.index[c.key] === undefined).map((c) => msg('import.missing_column', { column: c.header, description: c.description }));
  return { map, problems };
}

/** How an hours row names its assignment: by id, or by person (code, or file-local identifiant in an onboarding set) and contract. */
export function identificationProblems(map: ColumnMap, layout: Pick<FileLayout, 'columns'>): Message[] {
  const person = map.index.code_beneficiaire !== undefined || map.index.identifiant_beneficiaire !== undefined;
  if (map.index.affectation !== undefined || (person && map.index.reference_marche !== undefined)) return [];
  const local = layout.columns.some((c) => c.key === 'identifiant_beneficiaire');
  return [msg('import.identification_columns', { local })];
}

/** A row ready to be staged: the identifiers as typed, the parsed values, or the first problem found. */
export interface StagedRow {
  line: number;
  raw: Record<string, string>;
  assignmentRef: string | null;
  beneficiaryCode: string | null;
  /** Onboarding: the person's identifiant in the beneficiaires sheet, translated to their code before the checks. */
  beneficiaryRef: string | null;
  contractReference: string | null;
  authoritySiret: string | null;
  month: string | null;
  hoursX100: number | null;
  source: string | null;
  error: { code: string; column: string; reason: Message } | null;
}

/** A file-local identifiant as compared across sheets: trimmed, case ignored. */
export const localKey = (s: string): string | null => s.trim().toUpperCase() || null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cell decoded with the wrong encoding: U+FFFD stands for bytes that were not UTF-8. */
const UNREADABLE = '\uFFFD';

/** The checks one row can get alone, before the database is asked: formats, numbers, months, sources. */
export function readRow(row: SourceRow, headers: string[], map: ColumnMap): StagedRow {
  const cell = (key: string): Cell => (map.index[key] === undefined ? null : (row.values[map.index[key]!] ?? null));
  const raw: Record<string, string> = {};
  headers.forEach((h, i) => (raw[h || `colonne ${i + 1}`] = text(row.values[i] ?? null)));
  const staged: StagedRow = {
    line: row.line, raw, assignmentRef: text(cell('affectation')) || null, beneficiaryCode: text(cell('code_beneficiaire')).toUpperCase() || null,
    beneficiaryRef: localKey(text(cell('identifiant_beneficiaire'))), contractReference: text(cell('reference_marche')) || null, authoritySiret: null,
    month: null, hoursX100: null, source: null, error: null,
  };
  const refuse = (key: string, reason: Message, code = 'invalid_input') => ({ ...staged, error: { code, column: map.header[key], reason } });
  const garbled = headers.findIndex((_, i) => text(row.values[i] ?? null).includes(UNREADABLE));
  if (garbled >= 0) return { ...staged, error: { code: 'invalid_input', column: headers[garbled] || `colonne ${garbled + 1}`, reason: msg('cell.unreadable_characters') } };
  if (staged.assignmentRef && !UUID.test(staged.assignmentRef)) return refuse('affectation', msg('cell.assignment_id', { value: staged.assignmentRef }));
  const person = staged.beneficiaryCode ?? staged.beneficiaryRef;
  if (!staged.assignmentRef && (!person || !staged.contractReference)) {
    const personColumn = map.index.code_beneficiaire === undefined && map.index.identifiant_beneficiaire !== undefined ? 'identifiant_beneficiaire' : 'code_beneficiaire';
    return refuse(person ? 'reference_marche' : personColumn, msg('row.assignment_or_person'));
  }
  for (const [key, parse, field] of [
    ['siret_acheteur', (c: Cell) => (text(c) ? siretCell(c) : null), 'authoritySiret'],
    ['mois', monthCell, 'month'],
    ['heures', hoursCell, 'hoursX100'],
    ['source', sourceCell, 'source'],
  ] as const) {
    try {
      (staged as unknown as Record<string, unknown>)[field] = parse(cell(key));
    } catch (e) {
      if (e instanceof CellError) return refuse(key, e.said);
      throw e;
    }
  }
  return staged;
}
