import { msg } from '../../common/messages';
import { text } from '../parse/cells';
import { differences, matched } from './differences';
import { eachRow, LoadedSheet, OnboardingContext } from './sheet-rows';
import { INCLUSION, INCLUSION_TEXT, SIZES, SIZES_TEXT } from './spellings';
import { departmentList, enumCell, optionalEnum, requiredText, siretCell } from './values';

/** A company of the entreprises sheet, by SIRET: its record, or null when its row was refused. */
export interface FileCompany {
  line: number;
  id: string | null;
}

export interface KnownOrganisation {
  id: string;
  siret: string;
  kind: string;
  name: string;
  size: string | null;
  inclusionType: string | null;
  departmentCodes: string[];
}

/** The organisations already registered under these SIRETs (organisations are public registry data: no scope). */
export async function organisationsBySiret(ctx: OnboardingContext, sirets: string[]): Promise<Map<string, KnownOrganisation>> {
  const rows = (await ctx.m.query(
    `SELECT id, siret, kind, name, size, inclusion_type AS "inclusionType", department_codes::text[] AS "departmentCodes" FROM organisations WHERE siret = ANY($1::text[])`,
    [[...new Set(sirets)]],
  )) as KnownOrganisation[];
  return new Map(rows.map((o) => [o.siret, o]));
}

/**
 * The entreprises sheet: companies registered if missing, as POST /organisations lets a facilitator
 * (companies only). A SIRET already registered is left unchanged when it is a company, refused otherwise.
 */
export async function importCompanies(ctx: OnboardingContext, sheet: LoadedSheet): Promise<Map<string, FileCompany>> {
  const sirets = sheet.rows.map((r) => text(sheet.cell(r, 'siret')).replace(/\s/g, ''));
  const known = await organisationsBySiret(ctx, sirets);
  // The whole reference (a hundred departments) is cheaper than collecting the codes typed.
  const departments = new Set(((await ctx.m.query(`SELECT code FROM departments`)) as { code: string }[]).map((d) => d.code));
  const companies = new Map<string, FileCompany>();

  await eachRow(ctx, sheet, sheet.rows, async (row) => {
    const siret = sheet.read(row, 'siret', siretCell);
    const earlier = companies.get(siret);
    if (earlier) throw sheet.refuse('siret', msg('company.duplicate_in_file', { line: earlier.line }), 'duplicate_in_file');
    companies.set(siret, { line: row.line, id: null });
    const name = sheet.read(row, 'nom', (c) => requiredText(c, 300));
    if (!sheet.filled(row, 'taille')) throw sheet.refuse('taille', msg('company_size_required'), 'company_size_required');
    const size = sheet.read(row, 'taille', (c) => enumCell(c, SIZES, SIZES_TEXT));
    const inclusion = sheet.read(row, 'type_insertion', (c) => optionalEnum(c, INCLUSION, INCLUSION_TEXT)) ?? 'none';
    const departmentCodes = sheet.read(row, 'departements', departmentList);
    const unknown = departmentCodes.filter((d) => !departments.has(d));
    if (unknown.length) throw sheet.refuse('departements', msg('unknown_department', { codes: unknown }), 'unknown_department');

    // Another structure's import may register the same new company at the same moment: the insert then
    // waits for it, and finds it registered once it commits (it was a unique violation failing the job).
    let existing = known.get(siret);
    const inserted = existing
      ? []
      : ((await ctx.m.query(
          `INSERT INTO organisations (kind, name, siret, size, inclusion_type, department_codes) VALUES ('company', $1, $2, $3, $4, $5::varchar[])
           ON CONFLICT (siret) DO NOTHING RETURNING id`,
          [name, siret, size, inclusion, departmentCodes],
        )) as { id: string }[]);
    if (inserted.length) {
      companies.set(siret, { line: row.line, id: inserted[0].id });
      return { id: inserted[0].id, created: true };
    }
    existing ??= (await organisationsBySiret(ctx, [siret])).get(siret)!;
    if (existing.kind !== 'company') throw sheet.refuse('siret', msg('not_a_company', { name: existing.name, kind: existing.kind }), 'not_a_company');
    companies.set(siret, { line: row.line, id: existing.id });
    // Organisations are an administrator's to change (PATCH /organisations): what differs is only said.
    const diffs = differences(sheet, row, [
      { key: 'nom', file: name, current: existing.name, updatable: false },
      { key: 'taille', file: size, current: existing.size, updatable: false },
      { key: 'type_insertion', file: inclusion, current: existing.inclusionType, updatable: false },
      { key: 'departements', file: departmentCodes, current: existing.departmentCodes, updatable: false },
    ]);
    return matched(ctx, existing.id, diffs, async () => undefined);
  });
  return companies;
}
