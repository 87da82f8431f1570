import { positional } from '../../access/sql-binder';
import { beneficiaryVisibleSql, contractVisibleSql } from '../../access/visibility.sql';
import { MAX_WEEKLY_HOURS_X100 } from '../../assignments/dto/assignment-validators';
import { eligibleAssignmentSql } from '../../assignments/eligibility.sql';
import { msg } from '../../common/messages';
import { localKey } from '../hours/hours-layout';
import { CellError, hoursCell, text } from '../parse/cells';
import { type FileCompany, organisationsBySiret } from './companies';
import { companyId, type FileContract } from './contracts';
import type { FilePerson } from './beneficiaries';
import { dependsOn, eachRow, LoadedSheet, OnboardingContext, RowDetails, SheetRow } from './sheet-rows';
import { MODALITY, MODALITY_TEXT, OUTCOME, OUTCOME_TEXT } from './spellings';
import { dateCell, enumCell, optionalDate, optionalEnum, requiredText, siretCell } from './values';

interface VisibleContract {
  id: string;
  reference: string;
  siret: string;
  startDate: string;
  endDate: string;
}

/**
 * The affectations sheet: assignments written as POST /assignments does — a person the uploader sees
 * (of the beneficiaires sheet, or by code), a contract it sees (of the marches sheet, or registered),
 * a company as employer, a start within the contract's dates. An identical assignment (same person,
 * contract, employer and start) is left unchanged. One without a criterion valid on its start is
 * accepted and flagged (DOMAIN rule 5, computed by the same SQL as every figure).
 */
export async function importAssignments(
  ctx: OnboardingContext,
  sheet: LoadedSheet,
  companies: Map<string, FileCompany>,
  contracts: FileContract[],
  people: Map<string, FilePerson>,
): Promise<void> {
  const column = (k: string) => sheet.rows.map((r) => text(sheet.cell(r, k)));
  const known = await organisationsBySiret(ctx, column('siret_employeur').map((s) => s.replace(/\s/g, '')));
  const byCode = await visiblePeople(ctx, column('code_beneficiaire').map((c) => c.toUpperCase()));
  const registered = await visibleContracts(ctx, column('reference_marche'));
  const personIds = [...[...people.values()].map((p) => p.id), ...[...byCode.values()]].filter((id): id is string => !!id);
  const existing = await standingAssignments(ctx, personIds);

  await eachRow(ctx, sheet, sheet.rows, async (row, details) => {
    const beneficiaryId = person(sheet, row, people, byCode, details);
    const reference = sheet.read(row, 'reference_marche', (c) => requiredText(c, 100));
    const authority = sheet.filled(row, 'siret_acheteur') ? sheet.read(row, 'siret_acheteur', siretCell) : null;
    Object.assign(details, { contractReference: reference, authoritySiret: authority });
    const contract = contractOf(sheet, reference, authority, contracts, registered);
    const employerId = companyId(sheet, 'siret_employeur', sheet.read(row, 'siret_employeur', siretCell), known, companies, 'employer_not_company', () => msg('employer_not_company'));
    const modality = sheet.read(row, 'modalite', (c) => enumCell(c, MODALITY, MODALITY_TEXT));
    const start = sheet.read(row, 'date_debut', dateCell);
    const end = sheet.read(row, 'date_fin', optionalDate);
    if (end !== null && end < start) throw sheet.refuse('date_fin', msg('assignment.end_before_start', { start }));
    const rome = sheet.read(row, 'code_rome', (c) => {
      const t = text(c).toUpperCase();
      if (t && !/^[A-N]\d{4}$/.test(t)) throw new CellError(msg('cell.rome'));
      return t || null;
    });
    const weekly = sheet.read(row, 'heures_hebdo', (c) => {
      const x100 = text(c) ? hoursCell(c) : null;
      if (x100 !== null && x100 > MAX_WEEKLY_HOURS_X100) throw new CellError(msg('cell.weekly_hours'));
      return x100;
    });
    const exit = sheet.read(row, 'sortie', (c) => optionalEnum(c, OUTCOME, OUTCOME_TEXT));
    const sixMonths = sheet.read(row, 'sortie_6_mois', (c) => optionalEnum(c, OUTCOME, OUTCOME_TEXT));
    if (start < contract.startDate || start > contract.endDate) {
      throw sheet.refuse('date_debut', msg('assignment_outside_contract', { start, contractStart: contract.startDate, contractEnd: contract.endDate }), 'assignment_outside_contract');
    }
    const key = `${beneficiaryId}|${contract.id}|${employerId}|${start}`;
    const same = existing.get(key);
    if (same) return { id: same, created: false };
    const [{ id }] = (await ctx.m.query(
      `INSERT INTO assignments (beneficiary_id, contract_id, employer_id, modality, start_date, end_date, rome_code, planned_weekly_hours_x100, exit_outcome, outcome_after_six_months)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [beneficiaryId, contract.id, employerId, modality, start, end, rome, weekly, exit, sixMonths],
    )) as { id: string }[];
    // A second identical row of the file then finds it, as a second import would.
    existing.set(key, id);
    return { id, created: true };
  });
  await flagNotEligible(ctx, sheet);
}

/** The person of a row: by identifiant in the beneficiaires sheet (refused there: depends on it), or by code among those the uploader sees. */
function person(sheet: LoadedSheet, row: SheetRow, people: Map<string, FilePerson>, byCode: Map<string, string>, details: RowDetails): string {
  const ref = localKey(text(sheet.cell(row, 'identifiant_beneficiaire')));
  if (ref) {
    details.localRef = ref;
    const p = people.get(ref);
    if (!p) throw sheet.refuse('identifiant_beneficiaire', msg('unknown_beneficiary.identifiant'), 'unknown_beneficiary');
    if (!p.id) throw dependsOn('beneficiaires', p.line, sheet.column('identifiant_beneficiaire'));
    details.beneficiaryCode = p.code;
    return p.id;
  }
  const code = text(sheet.cell(row, 'code_beneficiaire')).toUpperCase();
  if (!code) throw sheet.refuse(sheet.map.index.identifiant_beneficiaire === undefined ? 'code_beneficiaire' : 'identifiant_beneficiaire', msg('assignment.person_missing'));
  details.beneficiaryCode = code;
  const id = byCode.get(code);
  if (!id) throw sheet.refuse('code_beneficiaire', msg('unknown_beneficiary'), 'unknown_beneficiary');
  return id;
}

/** The contract a row names: of the marches sheet or registered, one only; a refused one of the sheet makes the row depend on it. */
function contractOf(sheet: LoadedSheet, reference: string, authority: string | null, inFile: FileContract[], registered: VisibleContract[]) {
  const fromFile = inFile.filter((c) => c.reference === reference && (authority === null || c.authoritySiret === null || c.authoritySiret === authority));
  const refused = fromFile.filter((c) => c.id === null);
  const found = new Map<string, { id: string; startDate: string; endDate: string }>();
  for (const c of fromFile) if (c.id) found.set(c.id, { id: c.id, startDate: c.startDate, endDate: c.endDate });
  for (const c of registered) if (c.reference === reference && (authority === null || c.siret === authority) && !found.has(c.id)) found.set(c.id, c);
  if (found.size + refused.length > 1) {
    throw sheet.refuse(authority ? 'reference_marche' : 'siret_acheteur', msg('ambiguous_contract', { count: found.size + refused.length }), 'ambiguous_contract');
  }
  if (refused.length) throw dependsOn('marches', refused[0].line, sheet.column('reference_marche'));
  const [contract] = found.values();
  if (!contract) throw sheet.refuse('reference_marche', msg('unknown_contract'), 'unknown_contract');
  return contract;
}

/** People by pseudonymous code among those the uploader sees; its own structure's registration first. */
async function visiblePeople(ctx: OnboardingContext, codes: string[]): Promise<Map<string, string>> {
  const params: unknown[] = [[...new Set(codes.filter(Boolean))], ctx.actor.organisationId];
  const rows = (await ctx.m.query(
    `SELECT b.code, b.id FROM beneficiaries b WHERE b.code = ANY($1::text[]) AND ${beneficiaryVisibleSql(ctx.actor, 'b', positional(params))}
      ORDER BY (b.registered_by_id = $2::uuid) DESC, b.created_at`,
    params,
  )) as { code: string; id: string }[];
  const found = new Map<string, string>();
  for (const r of rows) if (!found.has(r.code)) found.set(r.code, r.id);
  return found;
}

async function visibleContracts(ctx: OnboardingContext, references: string[]): Promise<VisibleContract[]> {
  const params: unknown[] = [[...new Set(references.filter(Boolean))]];
  return (await ctx.m.query(
    `SELECT c.id, c.reference, o.siret, c.start_date::text AS "startDate", c.end_date::text AS "endDate"
       FROM contracts c JOIN organisations o ON o.id = c.contracting_authority_id
      WHERE c.reference = ANY($1::text[]) AND ${contractVisibleSql(ctx.actor, 'c', positional(params))}`,
    params,
  )) as VisibleContract[];
}

/** The assignments of these people, by person, contract, employer and start: what "identical" means. */
async function standingAssignments(ctx: OnboardingContext, personIds: string[]): Promise<Map<string, string>> {
  const rows = (await ctx.m.query(
    `SELECT id, beneficiary_id || '|' || contract_id || '|' || employer_id || '|' || start_date::text AS key FROM assignments WHERE beneficiary_id = ANY($1::uuid[])`,
    [[...new Set(personIds)]],
  )) as { id: string; key: string }[];
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** Accepted rows whose person had no criterion valid on the start date: a warning on the row, as the API flags the assignment. */
async function flagNotEligible(ctx: OnboardingContext, sheet: LoadedSheet): Promise<void> {
  const accepted = ctx.results.filter((r) => r.sheet === 'affectations' && r.outcome !== 'refused' && r.entityId);
  const rows = (await ctx.m.query(
    `SELECT a.id, a.start_date::text AS start FROM assignments a WHERE a.id = ANY($1::uuid[]) AND NOT ${eligibleAssignmentSql('a')}`,
    [accepted.map((r) => r.entityId)],
  )) as { id: string; start: string }[];
  const flagged = new Map(rows.map((r) => [r.id, r.start]));
  for (const r of accepted) {
    const start = flagged.get(r.entityId!);
    if (start === undefined) continue;
    r.error = { code: 'not_eligible', column: sheet.column('date_debut'), reason: msg('not_eligible', { start }) };
  }
}
