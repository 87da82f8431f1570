import { positional } from '../../access/sql-binder';
import { contractVisibleSql } from '../../access/visibility.sql';
import { CPV_CODE } from '../../contracts/dto/create-contract.dto';
import { type Message, msg } from '../../common/messages';
import { CellError, text } from '../parse/cells';
import type { Cell } from '../parse/row-source';
import { organisationsBySiret, type FileCompany } from './companies';
import { type FileClause, insertClause, readClause, sameTerms, standingClauses } from './contract-clauses';
import { differences, euros, matched } from './differences';
import { dependsOn, eachRow, LoadedSheet, OnboardingContext, Refusal, RowDone, SheetRow } from './sheet-rows';
import { socialConsiderations } from './spellings';
import { dateCell, departmentCell, euroCents, optionalDate, requiredText, siretCell } from './values';

/** A contract of the marches sheet: its record (null when refused) and dates, for the assignments and hours that name it. */
export interface FileContract {
  line: number;
  id: string | null;
  reference: string;
  /** Null when the row was refused before its authority could be read: it then matches any authority. */
  authoritySiret: string | null;
  startDate: string;
  endDate: string;
}

/** The contract columns of a row, parsed: compared across the rows of one contract. */
const CONTRACT_FIELDS: [string, (c: Cell) => unknown][] = [
  ['intitule', (c) => requiredText(c, 500)],
  ['cpv', (c) => {
    const t = text(c);
    if (!CPV_CODE.test(t)) throw new CellError(msg('cell.cpv', { value: t }));
    return t;
  }],
  ['siret_titulaire', siretCell],
  ['montant_ht', (c) => {
    const v = euroCents(c);
    if (v === null) throw new CellError(msg('cell.amount_required'));
    return v;
  }],
  ['date_notification', optionalDate],
  ['date_debut', dateCell],
  ['date_fin', dateCell],
  ['departement', departmentCell],
  ['considerations_sociales', (c) => socialConsiderations(text(c))],
];

type ContractFields = Record<string, unknown> & { reference: string; authoritySiret: string };

/**
 * The marches sheet: rows with the same authority and reference are one contract and its clauses.
 * A contract that exists (authority + reference) is left unchanged, with the clauses it already has;
 * a new one is written as POST /contracts would (authority a contracting authority, holder a company,
 * end on or after start, in the facilitator's departments), then each row's clause.
 */
export async function importContracts(ctx: OnboardingContext, sheet: LoadedSheet, companies: Map<string, FileCompany>): Promise<FileContract[]> {
  const sirets = sheet.rows.flatMap((r) => ['siret_acheteur', 'siret_titulaire'].map((k) => text(sheet.cell(r, k)).replace(/\s/g, '')));
  const known = await organisationsBySiret(ctx, sirets);
  const standing = await standingContracts(ctx, sheet);
  const clauses = await standingClauses(ctx.m, [...standing.values()].map((c) => c.id));
  const contracts = new Map<string, InFile>();

  await eachRow(ctx, sheet, sheet.rows, async (row, details) => {
    const reference = sheet.read(row, 'reference', (c) => requiredText(c, 100));
    details.contractReference = reference;
    let authoritySiret: string;
    try {
      authoritySiret = sheet.read(row, 'siret_acheteur', siretCell);
    } catch (e) {
      // Still a contract the later sheets may name: they are told it was refused.
      contracts.set(`?${row.line}|${reference}`, { line: row.line, id: null, reference, authoritySiret: null, startDate: '', endDate: '', fields: {}, clauses: [] });
      throw e;
    }
    details.authoritySiret = authoritySiret;
    const key = `${authoritySiret}|${reference}`;
    const first = contracts.get(key);
    if (first) {
      if (first.id === null) throw dependsOn('marches', first.line, sheet.column('reference'));
      checkSameContract(sheet, row, first);
      const clause = readClause(sheet, row);
      return clause ? addClause(ctx, sheet, first, clause, clauses) : { id: first.id, created: false };
    }
    const contract: InFile = { line: row.line, id: null, reference, authoritySiret, startDate: '', endDate: '', fields: {}, clauses: [] };
    contracts.set(key, contract);
    contract.fields = Object.fromEntries(CONTRACT_FIELDS.map(([k, parse]) => [k, sheet.read(row, k, parse)]));
    const clause = readClause(sheet, row);
    const written = await writeContract(ctx, sheet, { ...contract.fields, reference, authoritySiret }, known, companies, standing.get(key));
    Object.assign(contract, written);
    const done = written.created ? written : await compareContract(ctx, sheet, row, contract.fields, standing.get(key), written.id);
    if (!clause) return done;
    const added = await addClause(ctx, sheet, contract, clause, clauses);
    return { ...done, created: written.created || added.created };
  });
  return [...contracts.values()];
}

interface InFile extends FileContract {
  /** The contract's columns as parsed from its first row. */
  fields: Record<string, unknown>;
  clauses: FileClause[];
}

/** A later row of a contract may leave the contract's columns empty; filled, they must say the same. */
function checkSameContract(sheet: LoadedSheet, row: SheetRow, first: InFile): void {
  for (const [key, parse] of CONTRACT_FIELDS) {
    if (!sheet.filled(row, key)) continue;
    if (JSON.stringify(sheet.read(row, key, parse)) !== JSON.stringify(first.fields[key])) {
      throw sheet.refuse(key, msg('inconsistent_contract', { line: first.line }), 'inconsistent_contract');
    }
  }
}

interface StandingContract {
  id: string;
  visible: boolean;
  startDate: string;
  endDate: string;
  title?: string;
  cpv?: string;
  holderSiret?: string;
  amountCents?: string;
  notificationDate?: string | null;
  department?: string;
  socialConsiderations?: string[];
}

/** The contracts already registered under the (authority SIRET, reference) pairs of the sheet. */
async function standingContracts(ctx: OnboardingContext, sheet: LoadedSheet): Promise<Map<string, StandingContract>> {
  const pairs = sheet.rows.map((r) => [text(sheet.cell(r, 'siret_acheteur')).replace(/\s/g, ''), text(sheet.cell(r, 'reference'))]);
  const params: unknown[] = [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
  const rows = (await ctx.m.query(
    `SELECT DISTINCT c.id, o.siret, c.reference, c.start_date::text AS "startDate", c.end_date::text AS "endDate", c.title, c.cpv_code AS cpv,
            (SELECT h.siret FROM organisations h WHERE h.id = c.holder_id) AS "holderSiret", c.amount_cents::text AS "amountCents",
            c.notification_date::text AS "notificationDate", c.execution_department_code AS department, c.social_considerations::text[] AS "socialConsiderations",
            ${contractVisibleSql(ctx.actor, 'c', positional(params))} AS visible
       FROM unnest($1::text[], $2::text[]) AS k(siret, reference)
       JOIN organisations o ON o.siret = k.siret
       JOIN contracts c ON c.contracting_authority_id = o.id AND c.reference = k.reference`,
    params,
  )) as (StandingContract & { siret: string; reference: string })[];
  return new Map(rows.map((r) => [`${r.siret}|${r.reference}`, r]));
}

async function writeContract(
  ctx: OnboardingContext,
  sheet: LoadedSheet,
  f: ContractFields,
  known: Map<string, { id: string; kind: string; name: string }>,
  companies: Map<string, FileCompany>,
  standing: StandingContract | undefined,
): Promise<{ id: string; created: boolean; startDate: string; endDate: string }> {
  const departments = ctx.actor.departmentCodes;
  if (!departments.includes(f.departement as string)) {
    throw sheet.refuse('departement', msg('contract.department_forbidden', { departments }), 'forbidden');
  }
  if ((f.date_fin as string) < (f.date_debut as string)) throw sheet.refuse('date_fin', msg('end_before_start', { start: f.date_debut as string, end: f.date_fin as string }), 'end_before_start');
  const authority = known.get(f.authoritySiret);
  if (!authority) {
    throw sheet.refuse('siret_acheteur', msg('authority.unknown', { siret: f.authoritySiret }), 'unknown_organisation');
  }
  if (authority.kind !== 'contracting_authority') throw sheet.refuse('siret_acheteur', msg('not_a_contracting_authority', { name: authority.name, kind: authority.kind }), 'not_a_contracting_authority');
  const holderId = companyId(sheet, 'siret_titulaire', f.siret_titulaire as string, known, companies);
  if (standing && !standing.visible) throw sheet.refuse('reference', msg('contract.reference_taken'), 'duplicate');
  if (standing) return { id: standing.id, created: false, startDate: standing.startDate, endDate: standing.endDate };
  // As for companies: another structure of the department may import the same contract at the same moment.
  const inserted = (await ctx.m.query(
    `INSERT INTO contracts (reference, title, cpv_code, contracting_authority_id, holder_id, amount_cents, notification_date, start_date, end_date,
                            execution_department_code, social_considerations)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[])
     ON CONFLICT (contracting_authority_id, reference) DO NOTHING RETURNING id`,
    [f.reference, f.intitule, f.cpv, authority.id, holderId, f.montant_ht, f.date_notification, f.date_debut, f.date_fin, f.departement, f.considerations_sociales],
  )) as { id: string }[];
  if (inserted.length) return { id: inserted[0].id, created: true, startDate: f.date_debut as string, endDate: f.date_fin as string };
  const params: unknown[] = [authority.id, f.reference];
  const [other] = (await ctx.m.query(
    `SELECT c.id, c.start_date::text AS "startDate", c.end_date::text AS "endDate", ${contractVisibleSql(ctx.actor, 'c', positional(params))} AS visible
       FROM contracts c WHERE c.contracting_authority_id = $1 AND c.reference = $2`,
    params,
  )) as StandingContract[];
  if (!other.visible) throw sheet.refuse('reference', msg('contract.reference_taken'), 'duplicate');
  return { id: other.id, created: false, startDate: other.startDate, endDate: other.endDate };
}

/**
 * A registered contract against its first row: what PATCH /contracts lets a facilitator change (title,
 * amount, notification date, social considerations) is updated with updateExisting; its dates, holder,
 * CPV code and department are only said (moving dates has rules of its own).
 */
async function compareContract(ctx: OnboardingContext, sheet: LoadedSheet, row: SheetRow, f: Record<string, unknown>, standing: StandingContract | undefined, id: string): Promise<RowDone> {
  if (!standing) return { id, created: false };
  const diffs = differences(sheet, row, [
    { key: 'intitule', file: f.intitule, current: standing.title, updatable: true },
    { key: 'cpv', file: f.cpv, current: standing.cpv, updatable: false },
    { key: 'siret_titulaire', file: f.siret_titulaire, current: standing.holderSiret, updatable: false },
    { key: 'montant_ht', file: f.montant_ht, current: standing.amountCents, updatable: true, show: euros },
    { key: 'date_notification', file: f.date_notification, current: standing.notificationDate, updatable: true },
    { key: 'date_debut', file: f.date_debut, current: standing.startDate, updatable: false },
    { key: 'date_fin', file: f.date_fin, current: standing.endDate, updatable: false },
    { key: 'departement', file: f.departement, current: standing.department, updatable: false },
    { key: 'considerations_sociales', file: f.considerations_sociales, current: standing.socialConsiderations, updatable: true },
  ]);
  const column = { intitule: 'title', montant_ht: 'amount_cents', date_notification: 'notification_date', considerations_sociales: 'social_considerations' } as Record<string, string>;
  return matched(ctx, id, diffs, async (keys) => {
    await ctx.m.query(`UPDATE contracts SET ${keys.map((k, i) => `${column[k]} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...keys.map((k) => f[k])]);
  });
}

/** A company by SIRET: of the entreprises sheet (refused there: this row depends on it), or registered already. */
export function companyId(
  sheet: LoadedSheet,
  key: string,
  siret: string,
  known: Map<string, { id: string; kind: string; name: string }>,
  companies: Map<string, FileCompany>,
  code = 'not_a_company',
  reason = (name: string, kind: string): Message => msg('not_a_company', { name, kind }),
): string {
  const inFile = companies.get(siret);
  if (inFile) {
    if (!inFile.id) throw dependsOn('entreprises', inFile.line, sheet.column(key));
    return inFile.id;
  }
  const org = known.get(siret);
  if (!org) throw sheet.refuse(key, msg('company.unknown', { siret }), 'unknown_organisation');
  if (org.kind !== 'company') throw sheet.refuse(key, reason(org.name, org.kind), code);
  return org.id;
}

/** A row's clause: unchanged when the contract has the same one, refused when it has another of the kind, else written. */
async function addClause(
  ctx: OnboardingContext,
  sheet: LoadedSheet,
  contract: InFile,
  clause: FileClause,
  standing: Awaited<ReturnType<typeof standingClauses>>,
): Promise<{ id: string; created: boolean }> {
  const id = contract.id!;
  if (contract.clauses.some((c) => c.kind === clause.kind && sameTerms(clause.terms, c.terms as unknown as Record<string, unknown>))) {
    throw sheet.refuse('type_clause', msg('clause.duplicate_in_file'), 'duplicate_in_file');
  }
  contract.clauses.push(clause);
  const ofContract = standing.filter((c) => c.contractId === id);
  if (ofContract.some((c) => c.kind === clause.kind && sameTerms(clause.terms, c.terms))) return { id, created: false };
  const other = ofContract.find((c) => c.kind === clause.kind);
  if (other) {
    throw new Refusal('clause_differs', sheet.column('type_clause'), msg('clause_differs', { kind: clause.kind, clauseId: other.id }));
  }
  await insertClause(ctx.m, id, clause);
  return { id, created: true };
}
