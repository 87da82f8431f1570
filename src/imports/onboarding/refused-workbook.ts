import ExcelJS from 'exceljs';
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
  error_column: string | null;
  error_reason: Message;
  local_ref: string | null;
  beneficiary_code: string | null;
}

/**
 * The refused rows of an onboarding set as a workbook like the one uploaded: one sheet per table
 * with its own columns and an `erreur` column (ignored on upload), so it can be corrected and sent
 * again as it is. Once the valid rows are imported, a row naming a person of the beneficiaires sheet
 * that was written names them by code instead: the corrected file no longer holds that person's row.
 */
export async function refusedWorkbook(ds: DataSource, cipher: IdentityCipher, imp: Import, locale: Locale): Promise<Buffer> {
  const headers = (imp.headers && !Array.isArray(imp.headers) ? imp.headers : {}) as Partial<Record<SheetName, string[]>>;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Clausier';
  for (const table of onboardingLayout().sheets) {
    const own = headers[table.key];
    if (!own) continue;
    const rows = (await ds.query(
      `SELECT line, raw, error_column, error_reason, local_ref, beneficiary_code FROM import_rows
        WHERE import_id = $1 AND sheet = $2 AND outcome = 'refused' ORDER BY line`,
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
      raw.erreur = say(msg('import.refused_row', { line: r.line, column: r.error_column, reason: r.error_reason }), locale);
      sheet.addRow(columns.map((h) => raw[h] ?? ''));
    }
  }
  if (!wb.worksheets.length) wb.addWorksheet('aucune ligne refusee');
  return Buffer.from(await wb.xlsx.writeBuffer());
}
