import ExcelJS from 'exceljs';
import { neutraliseWorkbook } from '../../common/spreadsheet/formula-injection';
import type { DataSource } from 'typeorm';
import type { IdentityCipher } from '../../beneficiaries/identity-cipher';
import { type Locale, type Message, msg, say } from '../../common/messages';
import { mapColumns } from '../hours/hours-layout';
import type { Import, SheetName } from '../import.entity';
import { onboardingLayout } from './onboarding-layout';
import { identityHeaders, openIdentity } from './sealed-identity';

interface RefusedRow {
  line: number;
  raw: Record<string, string>;
  outcome: string;
  error_column: string | null;
  error_reason: Message | null;
  local_ref: string | null;
  beneficiary_code: string | null;
  /** For the first row of a contract or person that is not refused: the refused rows continuing it. */
  continued_by: number[] | null;
}

/**
 * The rows of a sheet continuing an earlier one (a contract's second clause, a person's second
 * criterion), as SQL over a row `c` and its first row `r`: same contract (authority and reference) or
 * same person (identifiant). Such a row leaves the contract's or person's columns empty, so it comes
 * back with its first row or it could not be imported again.
 */
export const CONTINUES = `((r.sheet = 'marches' AND c.authority_siret = r.authority_siret AND c.contract_reference = r.contract_reference)
                         OR (r.sheet = 'beneficiaires' AND c.local_ref = r.local_ref))`;

/** The first rows, not refused, of refused continuation rows (they stay once the import is done). */
export const FIRST_OF_REFUSED = `r.sheet IN ('marches', 'beneficiaires') AND r.outcome <> 'refused'
  AND NOT EXISTS (SELECT 1 FROM import_rows c WHERE c.import_id = r.import_id AND c.sheet = r.sheet AND c.line < r.line AND ${CONTINUES})
  AND EXISTS (SELECT 1 FROM import_rows c WHERE c.import_id = r.import_id AND c.sheet = r.sheet AND c.line > r.line AND c.outcome = 'refused' AND ${CONTINUES})`;

/**
 * The refused rows of an onboarding set as a workbook like the one uploaded: one sheet per table
 * with its own columns and an `erreur` column (ignored on upload), so it can be corrected and sent
 * again as it is. A refused row continuing a contract or a person comes with the first row of that
 * contract or person, marked as nothing to correct. Once the valid rows are imported, a row naming a
 * person of the beneficiaires sheet that was written names them by code instead: the corrected file no
 * longer holds that person's row.
 */
export async function refusedWorkbook(ds: DataSource, cipher: IdentityCipher, imp: Import, locale: Locale): Promise<Buffer> {
  const headers = (imp.headers && !Array.isArray(imp.headers) ? imp.headers : {}) as Partial<Record<SheetName, string[]>>;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Clausier';
  for (const table of onboardingLayout().sheets) {
    const own = headers[table.key];
    if (!own) continue;
    const rows = (await ds.query(
      `SELECT r.line, r.raw, r.outcome, r.error_column, r.error_reason, r.local_ref, r.beneficiary_code,
              CASE WHEN r.outcome <> 'refused' THEN
                ARRAY(SELECT c.line FROM import_rows c WHERE c.import_id = r.import_id AND c.sheet = r.sheet AND c.line > r.line AND c.outcome = 'refused' AND ${CONTINUES} ORDER BY c.line)
              END AS continued_by
         FROM import_rows r
        WHERE r.import_id = $1 AND r.sheet = $2 AND (r.outcome = 'refused' OR (${FIRST_OF_REFUSED})) ORDER BY r.line`,
      [imp.id, table.key],
    )) as RefusedRow[];
    if (!rows.length) continue;
    const { map } = mapColumns(own, table);
    const byCode = imp.status === 'completed' && map.index.identifiant_beneficiaire !== undefined;
    const codeHeader = map.index.code_beneficiaire !== undefined ? map.header.code_beneficiaire : 'code_beneficiaire';
    const columns = [...own, ...(byCode && map.index.code_beneficiaire === undefined ? [codeHeader] : []), 'erreur'];
    const sheet = wb.addWorksheet(table.sheetName);
    sheet.addRow(columns).font = { bold: true };
    const identity = table.key === 'beneficiaires' ? identityHeaders(map) : [];
    for (const r of rows) {
      const raw = openIdentity(cipher, imp.id, r.line, r.raw, identity);
      if (byCode && r.local_ref && r.beneficiary_code) {
        raw[map.header.identifiant_beneficiaire] = '';
        raw[codeHeader] = r.beneficiary_code;
      }
      const reason = r.outcome === 'refused' ? r.error_reason! : msg('import.first_row_again', { lines: r.continued_by ?? [] });
      raw.erreur = say(msg('import.refused_row', { line: r.line, column: r.outcome === 'refused' ? r.error_column : null, reason }), locale);
      sheet.addRow(columns.map((h) => raw[h] ?? ''));
    }
  }
  if (!wb.worksheets.length) wb.addWorksheet('aucune ligne refusee');
  return Buffer.from(await neutraliseWorkbook(wb).xlsx.writeBuffer());
}
