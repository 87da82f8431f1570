import { randomUUID } from 'node:crypto';
import type { Criterion } from '../../beneficiaries/beneficiary.entity';
import { type Identity, normaliseName, personCode, personKey } from '../../beneficiaries/person-key';
import { msg } from '../../common/messages';
import { todayUtc } from '../../common/units/calendar';
import { localKey } from '../hours/hours-layout';
import { CellError, text } from '../parse/cells';
import type { Cell } from '../parse/row-source';
import { differences, matched } from './differences';
import { dependsOn, eachRow, LoadedSheet, OnboardingContext, RowDone, SheetRow } from './sheet-rows';
import { CRITERION, CRITERION_TEXT, EDUCATION, EDUCATION_TEXT, SEX, SEX_TEXT } from './spellings';
import { dateCell, enumCell, optionalDate, optionalEnum, optionalText, requiredText, yesNoCell } from './values';

/** A person of the beneficiaires sheet, by identifiant: their record and code, or null when refused. */
export interface FilePerson {
  line: number;
  id: string | null;
  code: string | null;
}

const name = (c: Cell) => {
  const v = requiredText(c, 100);
  if (!normaliseName(v)) throw new CellError(msg('cell.name_letters'));
  return v;
};
const birthDate = (c: Cell) => {
  const d = dateCell(c);
  if (d < '1900-01-01' || d > todayUtc()) throw new CellError(msg('cell.birth_date_range', { from: '1900-01-01' }));
  return d;
};
const commune = (c: Cell) => {
  // A number cell loses the leading zero of 01053.
  const t = typeof c === 'number' ? String(c).padStart(5, '0') : text(c).toUpperCase();
  if (t && !/^(\d{5}|2[AB]\d{3})$/.test(t)) throw new CellError(msg('cell.commune'));
  return t || null;
};

/** The person's columns, as CreateBeneficiaryDto takes them. */
const PERSON_FIELDS: [string, (c: Cell) => unknown][] = [
  ['nom', name],
  ['prenom', name],
  ['date_naissance', birthDate],
  ['sexe', (c) => enumCell(c, SEX, SEX_TEXT)],
  ['commune', commune],
  ['qpv', yesNoCell],
  ['niveau_formation', (c) => optionalEnum(c, EDUCATION, EDUCATION_TEXT)],
];

interface Person {
  line: number;
  id: string | null;
  code: string | null;
  fields: Record<string, unknown>;
  /** Criteria already held or written: criterion and validation date. */
  criteria: Set<string>;
}

/**
 * The beneficiaires sheet: people registered for the uploader's structure as POST /beneficiaries does
 * (identity encrypted, bound to the row's id; pseudonymous key and code from the normalised identity),
 * each row adding one eligibility criterion. A person the structure registered already (same key) is
 * left unchanged; a criterion they hold already (same kind and date) too.
 */
export async function importBeneficiaries(ctx: OnboardingContext, sheet: LoadedSheet): Promise<Map<string, FilePerson>> {
  const people = new Map<string, Person>();
  const byKey = new Map<string, { line: number; ref: string }>();
  const standing = await standingPeople(ctx, sheet);

  await eachRow(ctx, sheet, sheet.rows, async (row, details) => {
    const ref = sheet.read(row, 'identifiant', (c) => localKey(requiredText(c, 100)));
    details.localRef = ref;
    const known = people.get(ref!);
    if (known) {
      if (!known.id) throw dependsOn('beneficiaires', known.line, sheet.column('identifiant'));
      details.beneficiaryCode = known.code;
      checkSamePerson(sheet, row, known);
      return addCriterion(ctx, sheet, row, known);
    }
    const person: Person = { line: row.line, id: null, code: null, fields: {}, criteria: new Set() };
    people.set(ref!, person);
    person.fields = Object.fromEntries(PERSON_FIELDS.map(([k, parse]) => [k, sheet.read(row, k, parse)]));
    const identity: Identity = { lastName: person.fields.nom as string, firstName: person.fields.prenom as string, birthDate: person.fields.date_naissance as string };
    const key = personKey(ctx.pseudonymSecret, identity);
    const twin = byKey.get(key);
    if (twin) throw sheet.refuse('identifiant', msg('person.duplicate_in_file', { line: twin.line, ref: twin.ref }), 'duplicate_in_file');
    byKey.set(key, { line: row.line, ref: ref! });
    const criterion = readCriterion(sheet, row);
    const existing = standing.get(key);
    let created = false;
    let done: RowDone | null = null;
    if (existing) {
      Object.assign(person, { id: existing.id, code: existing.code, criteria: existing.criteria });
      // What PATCH /beneficiaries lets the registering structure change may be updated; the sex may not.
      const f = person.fields;
      const diffs = differences(sheet, row, [
        { key: 'sexe', file: f.sexe, current: existing.sex, updatable: false },
        { key: 'commune', file: f.commune, current: existing.commune, updatable: true },
        { key: 'qpv', file: f.qpv, current: existing.qpv, updatable: true },
        { key: 'niveau_formation', file: f.niveau_formation, current: existing.education, updatable: true },
      ]);
      const column = { commune: 'commune_code', qpv: 'qpv_resident', niveau_formation: 'education_level' } as Record<string, string>;
      done = await matched(ctx, existing.id, diffs, async (keys) => {
        await ctx.m.query(`UPDATE beneficiaries SET ${keys.map((k, i) => `${column[k]} = $${i + 2}`).join(', ')} WHERE id = $1`, [existing.id, ...keys.map((k) => f[k])]);
      });
    } else {
      person.id = await insertPerson(ctx, identity, key, person.fields);
      person.code = personCode(key);
      created = true;
    }
    details.beneficiaryCode = person.code;
    if (!criterion) return done ?? { id: person.id!, created };
    const added = await writeCriterion(ctx, person, criterion);
    return { ...done, id: person.id!, created: created || added };
  });
  return new Map([...people].map(([ref, p]) => [ref, { line: p.line, id: p.id, code: p.code }]));
}

/** The people the uploader's structure registered already, by the pseudonymous key of the sheet's identities. */
async function standingPeople(ctx: OnboardingContext, sheet: LoadedSheet) {
  const keys = sheet.rows.flatMap((row) => {
    try {
      return [personKey(ctx.pseudonymSecret, { lastName: sheet.read(row, 'nom', name), firstName: sheet.read(row, 'prenom', name), birthDate: sheet.read(row, 'date_naissance', birthDate) })];
    } catch {
      return [];
    }
  });
  const rows = (await ctx.m.query(
    `SELECT b.id, b.code, b.person_key AS key, b.sex, b.commune_code AS commune, b.qpv_resident AS qpv, b.education_level AS education,
            ARRAY(SELECT c.criterion || '|' || c.validated_on::text FROM eligibility_criteria c WHERE c.beneficiary_id = b.id) AS criteria
       FROM beneficiaries b WHERE b.registered_by_id = $1 AND b.person_key = ANY($2::char(64)[]) AND b.erased_at IS NULL`,
    [ctx.actor.organisationId, keys],
  )) as { id: string; code: string; key: string; criteria: string[]; sex: string; commune: string | null; qpv: boolean; education: string | null }[];
  return new Map(rows.map((r) => [r.key, { ...r, criteria: new Set(r.criteria) }]));
}

/** Later rows of a person may leave the identity empty; filled, it must say the same. */
function checkSamePerson(sheet: LoadedSheet, row: SheetRow, first: Person): void {
  for (const [key, parse] of PERSON_FIELDS) {
    if (sheet.filled(row, key) && JSON.stringify(sheet.read(row, key, parse)) !== JSON.stringify(first.fields[key])) {
      throw sheet.refuse(key, msg('inconsistent_person', { line: first.line }), 'inconsistent_person');
    }
  }
}

async function insertPerson(ctx: OnboardingContext, identity: Identity, key: string, f: Record<string, unknown>): Promise<string> {
  // The id is drawn here because the ciphertext is bound to it (as BeneficiariesService.create does).
  const id = randomUUID();
  await ctx.m.query(
    `INSERT INTO beneficiaries (id, registered_by_id, person_key, code, identity_enc, sex, birth_year, commune_code, qpv_resident, education_level)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, ctx.actor.organisationId, key, personCode(key), ctx.cipher.encrypt(id, identity), f.sexe, Number(identity.birthDate.slice(0, 4)), f.commune, f.qpv, f.niveau_formation],
  );
  return id;
}

interface CriterionInput {
  criterion: Criterion;
  validatedOn: string;
  validatedBy: string;
  validUntil: string | null;
  reason: string | null;
}

const CRITERION_COLUMNS = ['critere_valide_le', 'critere_valide_par', 'critere_valable_jusqu_au', 'critere_motif'];

/** The row's criterion, checked as CriterionInput is; null when the criterion columns are empty. */
function readCriterion(sheet: LoadedSheet, row: SheetRow): CriterionInput | null {
  if (!sheet.filled(row, 'critere')) {
    if (CRITERION_COLUMNS.some((k) => sheet.filled(row, k))) throw sheet.refuse('critere', msg('criterion.missing'));
    return null;
  }
  const criterion = sheet.read(row, 'critere', (c) => enumCell(c, CRITERION, CRITERION_TEXT));
  const validatedOn = sheet.read(row, 'critere_valide_le', dateCell);
  const validatedBy = sheet.read(row, 'critere_valide_par', (c) => requiredText(c, 200));
  const validUntil = sheet.read(row, 'critere_valable_jusqu_au', optionalDate);
  if (validUntil !== null && validUntil < validatedOn) throw sheet.refuse('critere_valable_jusqu_au', msg('criterion.valid_until', { column: sheet.column('critere_valide_le'), date: validatedOn }));
  const reason = sheet.read(row, 'critere_motif', (c) => optionalText(c, 2000));
  if (criterion === 'OTHER_VALIDATED' && !reason) throw sheet.refuse('critere_motif', msg('criterion.reason_required'));
  return { criterion, validatedOn, validatedBy, validUntil, reason };
}

async function addCriterion(ctx: OnboardingContext, sheet: LoadedSheet, row: SheetRow, person: Person): Promise<{ id: string; created: boolean }> {
  const criterion = readCriterion(sheet, row);
  if (!criterion) return { id: person.id!, created: false };
  return { id: person.id!, created: await writeCriterion(ctx, person, criterion) };
}

/** Writes the criterion unless the person holds it already (same kind, same validation date), from the database or an earlier row. */
async function writeCriterion(ctx: OnboardingContext, person: Person, c: CriterionInput): Promise<boolean> {
  const key = `${c.criterion}|${c.validatedOn}`;
  if (person.criteria.has(key)) return false;
  person.criteria.add(key);
  await ctx.m.query(
    `INSERT INTO eligibility_criteria (beneficiary_id, criterion, validated_on, validated_by, valid_until, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
    [person.id, c.criterion, c.validatedOn, c.validatedBy, c.validUntil, c.reason],
  );
  return true;
}
