import type { EntityManager } from 'typeorm';
import type { IdentityCipher } from '../../beneficiaries/identity-cipher';
import { msg } from '../../common/messages';
import { FileRefused } from '../checked-import';
import { type ColumnMap, identificationProblems, mapColumns, readRow, type StagedRow } from '../hours/hours-layout';
import { STAGING_BATCH, stageRows } from '../hours/staging';
import type { SheetName } from '../import.entity';
import { text } from '../parse/cells';
import type { OnRead } from '../parse/row-source';
import { openWorkbook } from '../parse/workbook-source';
import { onboardingLayout, tableOf } from './onboarding-layout';
import { identityHeaders, sealIdentity } from './sealed-identity';
import { LoadedSheet } from './sheet-rows';

export interface OnboardingWorkbook {
  /** The four sheets processed in memory, when the workbook has them. */
  sheets: Partial<Record<Exclude<SheetName, 'heures'>, LoadedSheet>>;
  /** The heures sheet is staged in import_rows as it is read (it may be long): its columns only. */
  hours: ColumnMap | null;
  /** Each sheet's header row as written, for the file of refused rows. */
  headers: Partial<Record<SheetName, string[]>>;
}

/**
 * Reads an onboarding workbook sheet by sheet (streamed): the sheets are recognised by name, their
 * columns mapped (a missing required column refuses the file, naming the sheet), the heures rows
 * staged in batches, the others kept in memory. Sheets of other names (a notice) are skipped.
 */
export async function readOnboardingWorkbook(m: EntityManager, importId: string, path: string, cipher: IdentityCipher, onRead: OnRead): Promise<OnboardingWorkbook> {
  const book: OnboardingWorkbook = { sheets: {}, hours: null, headers: {} };
  const seen = new Map<SheetName, string>();
  for await (const sheet of openWorkbook(path, onRead)) {
    const table = tableOf(sheet.name);
    if (!table || !sheet.headers.length) continue;
    if (seen.has(table.key)) throw new FileRefused(msg('import.sheet_twice', { first: seen.get(table.key)!, second: sheet.name, table: table.key }));
    seen.set(table.key, sheet.name);
    const { map, problems } = mapColumns(sheet.headers, table);
    if (table.key === 'heures') problems.push(...identificationProblems(map, table));
    if (table.key === 'affectations' && map.index.identifiant_beneficiaire === undefined && map.index.code_beneficiaire === undefined) {
      problems.push(msg('import.assignment_person_column'));
    }
    if (problems.length) throw new FileRefused(msg('import.sheet_unreadable', { sheet: sheet.name, table: table.key, problems }));
    book.headers[table.key] = sheet.headers;
    const raw = (values: unknown[]) => Object.fromEntries(sheet.headers.map((h, i) => [h || `colonne ${i + 1}`, text((values[i] ?? null) as never)]));
    if (table.key === 'heures') {
      book.hours = map;
      let batch: StagedRow[] = [];
      for await (const row of sheet.rows) {
        batch.push(readRow(row, sheet.headers, map));
        if (batch.length >= STAGING_BATCH) {
          await stageRows(m, importId, batch);
          batch = [];
        }
      }
      await stageRows(m, importId, batch);
    } else {
      const rows = [];
      // The raw text is staged for the file of refused rows: a person's identity only sealed.
      const identity = table.key === 'beneficiaires' ? identityHeaders(map) : [];
      for await (const row of sheet.rows) rows.push({ line: row.line, values: row.values, raw: sealIdentity(cipher, importId, row.line, raw(row.values), identity) });
      book.sheets[table.key] = new LoadedSheet(table.key, sheet.headers, map, rows);
    }
  }
  if (!seen.size) {
    throw new FileRefused(msg('import.no_onboarding_sheet', { names: onboardingLayout().sheets.map((s) => s.key) }));
  }
  return book;
}
