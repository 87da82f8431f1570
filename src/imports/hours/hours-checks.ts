import { EntityManager } from 'typeorm';
import { Actor } from '../../access/actor';
import { positional } from '../../access/sql-binder';
import { assignmentVisibleSql, beneficiaryVisibleSql, contractVisibleSql } from '../../access/visibility.sql';
import { DomainError } from '../../common/errors/domain-errors';
import { type Message, type MessageKey, messageOf } from '../../common/messages';
import { assertMonthWithinDates, correctionPending, monthOutsideSql, statementExists } from '../../hours-statements/statement-rules';
import type { ColumnMap } from './hours-layout';

/**
 * The same rules as POST /hours-statements, applied to every staged row of an import at once, in
 * set-based SQL: which assignment a row means (by id, or by beneficiary code and contract reference,
 * among what the uploader may see), months within the dates, one row per assignment and month
 * (resolveRows); then what stands already (checkStanding: unchanged, a correction, or a pending
 * statement that blocks). The legal cap,
 * which depends on the order of the rows, is checked afterwards by legal-cap-pass.ts.
 * Messages are the API's own, built by the same functions.
 */
export async function resolveRows(m: EntityManager, importId: string, actor: Actor, columns: ColumnMap): Promise<void> {
  const col = columns.header;
  const run = runner(m, importId);

  // By assignment id, with its contract, its person and the months outside its dates in the same pass:
  // each pass rewrites every row it touches, so by-id rows get one, not two.
  await run((bind) => `
    UPDATE import_rows r SET assignment_id = a.id, ${CONTEXT_SET}
      FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id JOIN contracts c ON c.id = a.contract_id
     WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.outcome IS NULL AND r.assignment_ref IS NOT NULL
       AND a.id = r.assignment_ref::uuid AND ${assignmentVisibleSql(actor, 'a', bind)}`);
  await run((bind) => `
    UPDATE import_rows SET outcome = 'refused', error_code = 'unknown_assignment', error_column = ${bind(col.affectation)},
           error_reason = ${said('unknown_assignment')}
     WHERE import_id = $1 AND sheet = 'heures' AND outcome IS NULL AND assignment_ref IS NOT NULL AND assignment_id IS NULL`);

  // By beneficiary code and contract reference: the assignment covering the month, or the only one.
  // Each row looks its candidates up in a subquery (index lookups), never through a join of the staged
  // rows with themselves: PostgreSQL plans such a join from import_rows' statistics, which never know
  // a new import (its id is not in them, so ~1 row is expected), and once ran it as a nested loop
  // over a 100,000-row file until the statement timeout, then again at each of the job's retries.
  const ambiguous = `p.covering > 1 OR (p.covering = 0 AND p.total > 1)`;
  await run((bind) => `
    UPDATE import_rows r
       SET (assignment_id, outcome, error_code, error_column, error_reason) = (
         SELECT CASE WHEN p.covering = 1 OR (p.covering = 0 AND p.total = 1) THEN p.assignment_id END,
                CASE WHEN ${ambiguous} THEN 'refused' END,
                CASE WHEN ${ambiguous} THEN 'ambiguous_assignment' END,
                CASE WHEN ${ambiguous} THEN ${bind(col.code_beneficiaire)} END,
                CASE WHEN ${ambiguous} THEN ${said('ambiguous_assignment', `jsonb_build_object('count', p.total)`)} END
           FROM (SELECT count(*) FILTER (WHERE k.covers) AS covering, count(*) AS total,
                        (array_agg(k.id ORDER BY k.covers DESC, k.id))[1] AS assignment_id
                   FROM (SELECT a.id, a.start_date < (r.month + interval '1 month')::date AND (a.end_date IS NULL OR a.end_date >= r.month) AS covers
                           FROM beneficiaries b
                           JOIN assignments a ON a.beneficiary_id = b.id
                           JOIN contracts c ON c.id = a.contract_id
                          WHERE b.code = r.beneficiary_code AND c.reference = r.contract_reference
                            AND (r.authority_siret IS NULL OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = c.contracting_authority_id AND o.siret = r.authority_siret))
                            AND ${assignmentVisibleSql(actor, 'a', bind)}
                            -- A row of an onboarding set names a person of its own beneficiaires sheet: only the uploading
                            -- structure's registration of them, never another structure's assignment of the same person.
                            AND (r.local_ref IS NULL OR b.registered_by_id = ${bind(uploaderOrganisation(actor))}::uuid)) k) p)
     WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.outcome IS NULL AND r.assignment_ref IS NULL`);
  await run((bind) => `
    UPDATE import_rows r SET outcome = 'refused',
           error_code = CASE WHEN NOT EXISTS (SELECT 1 FROM beneficiaries b WHERE b.code = r.beneficiary_code AND ${beneficiaryVisibleSql(actor, 'b', bind)}) THEN 'unknown_beneficiary'
                             WHEN NOT EXISTS (SELECT 1 FROM contracts c WHERE c.reference = r.contract_reference AND ${contractVisibleSql(actor, 'c', bind)}) THEN 'unknown_contract'
                             ELSE 'no_assignment' END,
           error_column = CASE WHEN NOT EXISTS (SELECT 1 FROM beneficiaries b WHERE b.code = r.beneficiary_code AND ${beneficiaryVisibleSql(actor, 'b', bind)}) THEN ${bind(col.code_beneficiaire)}
                               ELSE ${bind(col.reference_marche)} END,
           error_reason = CASE WHEN NOT EXISTS (SELECT 1 FROM beneficiaries b WHERE b.code = r.beneficiary_code AND ${beneficiaryVisibleSql(actor, 'b', bind)})
                                 THEN ${said('unknown_beneficiary')}
                               WHEN NOT EXISTS (SELECT 1 FROM contracts c WHERE c.reference = r.contract_reference AND ${contractVisibleSql(actor, 'c', bind)})
                                 THEN ${said('unknown_contract')}
                               ELSE ${said('no_assignment')} END
     WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.outcome IS NULL AND r.assignment_id IS NULL`);

  // The same for the rows found by code and reference (the by-id rows have their contract already).
  await run(() => `
    UPDATE import_rows r SET ${CONTEXT_SET}
      FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id JOIN contracts c ON c.id = a.contract_id
     WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.outcome IS NULL AND r.contract_id IS NULL AND a.id = r.assignment_id`);
  await explainMonthRefusals(m, importId, col.mois);

  // One row per assignment and month: the first one counts, the others are refused. The duplicates
  // are gathered in one array first and the rows updated through its elements: the update is then
  // index lookups whatever the statistics expect (see above), not a join planned for one staged row.
  await run((bind) => `
    WITH duplicates AS MATERIALIZED (
      SELECT array_agg(line) AS lines, array_agg(first) AS firsts FROM (
        SELECT line, min(line) OVER (PARTITION BY assignment_id, month) AS first
          FROM import_rows WHERE import_id = $1 AND sheet = 'heures' AND outcome IS NULL) ranked
       WHERE line <> first)
    UPDATE import_rows r SET outcome = 'refused', error_code = 'duplicate_in_file', error_column = ${bind(col.mois)},
           error_reason = ${said('duplicate_in_file', `jsonb_build_object('line', d.first)`)}
      FROM duplicates, unnest(duplicates.lines, duplicates.firsts) AS d(line, first)
     WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.line = d.line`);

}

/**
 * The contract and the person behind a row's assignment `a` (its person `b`, its contract `c`), and the
 * refusal of a month wholly outside the assignment's dates or the contract's.
 */
const OUTSIDE_ASSIGNMENT = monthOutsideSql('r.month', 'a.start_date', 'a.end_date');
const OUTSIDE_CONTRACT = monthOutsideSql('r.month', 'c.start_date', 'c.end_date');
const CONTEXT_SET = `contract_id = a.contract_id, person_key = b.person_key,
  outcome = CASE WHEN ${OUTSIDE_ASSIGNMENT} OR ${OUTSIDE_CONTRACT} THEN 'refused' END,
  error_code = CASE WHEN ${OUTSIDE_ASSIGNMENT} THEN 'month_outside_assignment' WHEN ${OUTSIDE_CONTRACT} THEN 'month_outside_contract' END`;

/**
 * Before writing, once resolveRows has found each row's assignment: locks the rows' assignments and
 * contracts as POST /hours-statements does (FOR KEY SHARE, which a change of their dates waits for:
 * hours-within-dates.ts), then refuses the rows whose month a change of dates committed meanwhile left
 * wholly outside them (DOMAIN rule 3). The locks come before the person-months', as in the API.
 */
export async function lockStatementDates(m: EntityManager, importId: string, column: string): Promise<void> {
  const rows = `SELECT assignment_id FROM import_rows WHERE import_id = $1 AND sheet = 'heures' AND outcome IS NULL`;
  await m.query(`SELECT count(*) FROM (SELECT 1 FROM assignments WHERE id IN (${rows}) ORDER BY id FOR KEY SHARE) locked`, [importId]);
  await m.query(`SELECT count(*) FROM (SELECT 1 FROM contracts WHERE id IN (SELECT contract_id FROM assignments WHERE id IN (${rows})) ORDER BY id FOR KEY SHARE) locked`, [importId]);
  await m.query(
    `UPDATE import_rows r SET outcome = 'refused',
            error_code = CASE WHEN ${OUTSIDE_ASSIGNMENT} THEN 'month_outside_assignment' ELSE 'month_outside_contract' END
       FROM assignments a JOIN contracts c ON c.id = a.contract_id
      WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.outcome IS NULL AND a.id = r.assignment_id AND (${OUTSIDE_ASSIGNMENT} OR ${OUTSIDE_CONTRACT})`,
    [importId],
  );
  await explainMonthRefusals(m, importId, column);
}

/** What stands already for each row's assignment and month: nothing (create), the same hours, a correction, or a blocking pending statement. */
export async function checkStanding(m: EntityManager, importId: string, columns: ColumnMap): Promise<void> {
  const col = columns.header;
  const run = runner(m, importId);
  // The statements are looked up row by row in a subquery, not through a join of import_rows with
  // itself: with the staged rows not yet analysed, PostgreSQL once planned that join against a
  // one-row estimate and ran it as a nested loop over 100,000 rows (the first import after a
  // VACUUM ANALYZE of the empty table); a row's subquery can only be two index lookups.
  await run((bind) => `
    UPDATE import_rows r
       SET (existing_id, existing_hours_x100, outcome, error_code, error_column) = (
         SELECT coalesce(p.id, v.id), coalesce(p.hours_x100, v.hours_x100),
                CASE WHEN p.id IS NOT NULL AND p.hours_x100 = r.hours_x100 THEN 'unchanged'
                     WHEN p.id IS NOT NULL THEN 'refused'
                     WHEN v.id IS NOT NULL AND v.hours_x100 = r.hours_x100 THEN 'unchanged'
                     WHEN v.id IS NOT NULL THEN 'correct'
                     ELSE 'create' END,
                CASE WHEN p.id IS NOT NULL AND p.hours_x100 <> r.hours_x100
                     THEN CASE WHEN p.supersedes_id IS NOT NULL THEN 'correction_pending' ELSE 'statement_exists' END END,
                CASE WHEN p.id IS NOT NULL AND p.hours_x100 <> r.hours_x100 THEN ${bind(col.heures)}::text END
           FROM (VALUES (1)) AS one (x)
           LEFT JOIN hours_statements v ON v.assignment_id = r.assignment_id AND v.month = r.month AND v.status = 'validated'
           LEFT JOIN hours_statements p ON p.assignment_id = r.assignment_id AND p.month = r.month AND p.status = 'declared')
     WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.outcome IS NULL`);
  await explainStandingStatements(m, importId);
}

/** A sentence of the message catalogue built in SQL: its key, and its parameters as a jsonb expression. */
export const said = (key: MessageKey, params = `'{}'::jsonb`) => `jsonb_build_object('key', '${key}', 'params', ${params})`;

function runner(m: EntityManager, importId: string) {
  return async (sql: (bind: (v: unknown) => string) => string) => {
    const params: unknown[] = [importId];
    await m.query(sql(positional(params)), params);
  };
}

/** The API's message for a month outside the dates, built by the API's own function. */
async function explainMonthRefusals(m: EntityManager, importId: string, column: string): Promise<void> {
  const rows = (await m.query(
    `SELECT r.line, r.month::text AS month, a.id AS "assignmentId", a.start_date::text AS "assignmentStart", a.end_date::text AS "assignmentEnd",
            c.start_date::text AS "contractStart", c.end_date::text AS "contractEnd"
       FROM import_rows r JOIN assignments a ON a.id = r.assignment_id JOIN contracts c ON c.id = a.contract_id
      WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.error_code IN ('month_outside_assignment', 'month_outside_contract')`,
    [importId],
  )) as { line: number; month: string; assignmentId: string; assignmentStart: string; assignmentEnd: string | null; contractStart: string; contractEnd: string }[];
  const reasons = rows.map((r): Message => {
    try {
      assertMonthWithinDates(r.month, { ...r, contractId: '', personKey: '' });
    } catch (e) {
      if (e instanceof DomainError) return messageOf(e);
      throw e;
    }
    throw new Error(`unreachable: line ${r.line} was refused for a month within the dates`);
  });
  await setReasons(m, importId, rows.map((r) => r.line), reasons, column);
}

/** The API's message when a statement awaits a decision for the month. */
async function explainStandingStatements(m: EntityManager, importId: string): Promise<void> {
  const rows = (await m.query(
    `SELECT r.line, to_char(r.month, 'YYYY-MM') AS month, r.error_code AS code, r.existing_id AS "existingId" FROM import_rows r
      WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.error_code IN ('statement_exists', 'correction_pending')`,
    [importId],
  )) as { line: number; month: string; code: string; existingId: string }[];
  const reasons = rows.map((r) => {
    if (r.code === 'correction_pending') return messageOf(correctionPending(r.existingId));
    const e = statementExists([{ id: r.existingId, status: 'declared' }], r.month);
    // The API's error names no month (its request does); a row of a file is read alone, so it does.
    return messageOf(e, { month: r.month });
  });
  await setReasons(m, importId, rows.map((r) => r.line), reasons);
}

/** Sets the reasons (and column) of rows of the hours sheet. */
export async function setReasons(m: EntityManager, importId: string, lines: number[], reasons: Message[], column?: string): Promise<void> {
  if (!lines.length) return;
  await m.query(
    `UPDATE import_rows r SET error_reason = x.reason, error_column = coalesce($4, r.error_column)
       FROM unnest($2::int[], $3::jsonb[]) AS x(line, reason) WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.line = x.line`,
    [importId, lines, reasons.map((r) => JSON.stringify(r)), column ?? null],
  );
}

/** The organisation of the user the import runs for (an import is always a facilitator's upload). */
function uploaderOrganisation(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.organisationId : null;
}
