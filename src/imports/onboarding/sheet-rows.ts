import type { EntityManager } from 'typeorm';
import type { UserActor } from '../../access/actor';
import type { IdentityCipher } from '../../beneficiaries/identity-cipher';
import type { ColumnMap } from '../hours/hours-layout';
import type { SheetName } from '../import.entity';
import { type Message, msg } from '../../common/messages';
import { CellError, text } from '../parse/cells';
import type { Cell } from '../parse/row-source';

/** Why one row is refused: a stable code, the file's column, the reason as a sentence of the message catalogue. */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly column: string,
    readonly reason: Message,
  ) {
    super(reason.key);
  }
}

/** The row this one needs (its company, contract, person or assignment) was refused. */
export const dependsOn = (sheet: SheetName, line: number, column: string) => new Refusal('depends_on_refused', column, msg('depends_on_refused', { sheet, line }));

export interface SheetRow {
  line: number;
  raw: Record<string, string>;
  values: Cell[];
}

/** A sheet read into memory (an onboarding set is thousands of rows, not millions), with its columns mapped. */
export class LoadedSheet {
  constructor(
    readonly key: SheetName,
    readonly headers: string[],
    readonly map: ColumnMap,
    readonly rows: SheetRow[],
  ) {}

  cell(row: SheetRow, key: string): Cell {
    const i = this.map.index[key];
    return i === undefined ? null : (row.values[i] ?? null);
  }

  filled(row: SheetRow, key: string): boolean {
    return text(this.cell(row, key)) !== '';
  }

  /** The column as the file names it, for messages. */
  column(key: string): string {
    return this.map.header[key] ?? key;
  }

  /** A cell read by `parse`; a problem with it refuses the row, on that column. */
  read<T>(row: SheetRow, key: string, parse: (cell: Cell) => T): T {
    try {
      return parse(this.cell(row, key));
    } catch (e) {
      if (e instanceof CellError) throw new Refusal('invalid_input', this.column(key), e.said);
      throw e;
    }
  }

  refuse(key: string, reason: Message, code = 'invalid_input'): Refusal {
    return new Refusal(code, this.column(key), reason);
  }
}

/** What became of one row of the four sheets processed in memory. */
export interface RowResult {
  sheet: SheetName;
  line: number;
  raw: Record<string, string>;
  outcome: 'create' | 'correct' | 'unchanged' | 'refused';
  /** For a refused row, why; for an accepted one, a warning (e.g. `not_eligible`). */
  error: { code: string; column: string; reason: Message } | null;
  /** The record created or matched; `created` tells which (a dry run forgets the ids of creations). */
  entityId: string | null;
  created: boolean;
  beneficiaryCode?: string | null;
  contractReference?: string | null;
  authoritySiret?: string | null;
  localRef?: string | null;
}

export type RowDetails = Pick<RowResult, 'beneficiaryCode' | 'contractReference' | 'authoritySiret' | 'localRef'>;

/** Everything a sheet needs to check and write its rows, as the uploader. */
export interface OnboardingContext {
  m: EntityManager;
  actor: UserActor;
  pseudonymSecret: string;
  cipher: IdentityCipher;
  results: RowResult[];
  /** The uploader confirmed with updateExisting: records that differ from their rows are updated. */
  updateExisting: boolean;
}

/** What a row did: the record created, matched (unchanged) or updated, and a note on an accepted row. */
export interface RowDone {
  id: string;
  created: boolean;
  updated?: boolean;
  note?: RowResult['error'];
}

/**
 * Runs `work` on each row; a Refusal becomes the row's outcome. `work` returns the record created or
 * matched. Every check is made before the row's first write, so a refused row writes nothing.
 */
export async function eachRow(
  ctx: OnboardingContext,
  sheet: LoadedSheet,
  rows: SheetRow[],
  work: (row: SheetRow, details: RowDetails) => Promise<RowDone>,
): Promise<void> {
  for (const row of rows) {
    const details: RowDetails = {};
    const base = { sheet: sheet.key, line: row.line, raw: row.raw };
    try {
      const { id, created, updated, note } = await work(row, details);
      ctx.results.push({ ...base, ...details, outcome: created ? 'create' : updated ? 'correct' : 'unchanged', error: note ?? null, entityId: id, created });
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      ctx.results.push({ ...base, ...details, outcome: 'refused', error: { code: e.code, column: e.column, reason: e.reason }, entityId: null, created: false });
    }
  }
}
