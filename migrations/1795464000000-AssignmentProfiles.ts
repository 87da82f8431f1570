import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CRITERIA_EVENTS,
  FUNCTIONS as ELIGIBILITY_FUNCTIONS,
  LOCK_ASSIGNMENTS,
  NEW_ROWS,
  OLD_ROWS,
  PEOPLE,
  TOTALS_UPSERT,
} from './1795463000000-EligibilityAggregates';

/**
 * Each counted assignment's profile in its assignment_first_months row: what the report breakdowns
 * count it by (DOMAIN rule 7: start date, modality, exit, the person's sex, birth year and QPV
 * residence, the criteria valid at the start date). A report window then reads one row per
 * assignment; it fetched the assignment, the person and the criteria of each (~10 µs each, 84,000
 * for Île-de-France to date at bench scale 1, the larger part of the report's SQL).
 *
 * Who writes what, and why it stays exact (the lock order of EligibilityAggregates, assignments by id
 * before first months, is kept):
 * - the statement triggers write the whole row from the assignment and the person, having locked the
 *   assignments FOR SHARE: a change of the assignment or of its person waits for them, or they for it;
 * - a change of an assignment (its row is locked by the change itself) rewrites its row;
 * - a change of a person's sex, birth year, QPV flag or key locks the person's assignments first, as
 *   the criteria triggers do, then rewrites their rows (the service never changes them: a fix by hand);
 * - the criteria triggers, which lock the person and the assignments, rewrite the criteria.
 */

/** DOMAIN rule 5 as src/assignments/eligibility.sql.ts wrote it when this migration ran: a criterion of the person valid on the start date. */
const eligibilityRuleSql = (beneficiaryId: string, startDate: string) =>
  `EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = ${beneficiaryId} AND elig_c.validated_on <= ${startDate} AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= ${startDate}))`;

/** The kinds of criteria valid on the start date of assignment `a`, sorted (eligibleCriteriaSql of eligibility.sql.ts when this migration ran). */
const eligibleCriteriaSql = (a: string) =>
  `ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = ${a}.beneficiary_id AND elig_c.validated_on <= ${a}.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= ${a}.start_date) ORDER BY 1)`;

const PROFILE_COLUMNS = 'start_date, modality, exit_outcome, sex, birth_year, qpv_resident, criteria';
/** The profile of assignment `a` of person `b`. */
const profileOf = (a: string, b: string) => `${a}.start_date, ${a}.modality, ${a}.exit_outcome, ${b}.sex, ${b}.birth_year, ${b}.qpv_resident, ${eligibleCriteriaSql(a)}`;
const SET_PROFILE = `start_date = excluded.start_date, modality = excluded.modality, exit_outcome = excluded.exit_outcome, sex = excluded.sex,
  birth_year = excluded.birth_year, qpv_resident = excluded.qpv_resident, criteria = excluded.criteria`;

/** The first validated month of each assignment among `rows`, kept as the minimum, with its flag and profile (assignments locked by the caller). */
const FIRST_MONTHS_UPSERT = (rows: string) => `
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month, eligible, ${PROFILE_COLUMNS})
  SELECT r.assignment_id, r.contract_id, b.person_key, min(r.month), a.eligible, ${profileOf('a', 'b')}
    FROM ${rows} r JOIN assignments a ON a.id = r.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE r.status = 'validated'
   GROUP BY r.assignment_id, r.contract_id, a.id, b.id
   ORDER BY r.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = LEAST(f.first_month, excluded.first_month), eligible = excluded.eligible, ${SET_PROFILE}
  -- Most writes (a new month after the first) change nothing here: the row is then left as it is, not rewritten.
   WHERE (f.first_month, f.eligible, f.${PROFILE_COLUMNS.split(', ').join(', f.')})
         IS DISTINCT FROM (LEAST(f.first_month, excluded.first_month), excluded.eligible, excluded.${PROFILE_COLUMNS.split(', ').join(', excluded.')})`;

/** Recomputes the first months of some assignments from the statements (see EligibilityAggregates), profile included. */
const FIRST_MONTHS_REFRESH = (assignmentIds: string) => `
  PERFORM 1 FROM assignments WHERE id IN (${assignmentIds}) ORDER BY id FOR SHARE;
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month, eligible, ${PROFILE_COLUMNS})
  SELECT s.assignment_id, s.contract_id, b.person_key, min(s.month), a.eligible, ${profileOf('a', 'b')}
    FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE s.status = 'validated' AND s.assignment_id IN (${assignmentIds})
   GROUP BY s.assignment_id, s.contract_id, a.id, b.id
   ORDER BY s.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = excluded.first_month, eligible = excluded.eligible, ${SET_PROFILE};
  DELETE FROM assignment_first_months f
   WHERE f.assignment_id IN (${assignmentIds})
     AND NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.assignment_id = f.assignment_id AND s.status = 'validated')`;

/** The criteria of the first months of these people's assignments, where they changed (assignments locked by the caller). */
const CRITERIA_FOLLOW = (people: string) => `
  UPDATE assignment_first_months f SET criteria = x.criteria
    FROM (SELECT a.id, ${eligibleCriteriaSql('a')} AS criteria FROM assignments a WHERE a.beneficiary_id IN (${people})) x
   WHERE f.assignment_id = x.id AND f.criteria IS DISTINCT FROM x.criteria`;

/** A person's columns that the profile copies. */
const PERSON_CHANGED = `(o.person_key, o.sex, o.birth_year, o.qpv_resident) IS DISTINCT FROM (n.person_key, n.sex, n.birth_year, n.qpv_resident)`;

export const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION aggregates_statements_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     -- A declaration (what the API's POST writes) has no validated hours: no lock, no first month to look at.
     IF NOT EXISTS (SELECT 1 FROM new_rows WHERE status = 'validated') THEN
       ${TOTALS_UPSERT(NEW_ROWS)};
       RETURN NULL;
     END IF;
     ${LOCK_ASSIGNMENTS('new_rows')};
     ${TOTALS_UPSERT(NEW_ROWS)};
     ${FIRST_MONTHS_UPSERT('new_rows')};
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION aggregates_statements_update() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${LOCK_ASSIGNMENTS('(SELECT assignment_id, status FROM new_rows UNION ALL SELECT assignment_id, status FROM old_rows) changed')};
     ${TOTALS_UPSERT(`${NEW_ROWS} UNION ALL ${OLD_ROWS}`)};
     ${FIRST_MONTHS_UPSERT('new_rows')};
     IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE o.status = 'validated' AND (n.status <> 'validated' OR n.month <> o.month OR n.assignment_id <> o.assignment_id)
                   AND NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.assignment_id = o.assignment_id AND s.month = o.month AND s.status = 'validated')) THEN
       ${FIRST_MONTHS_REFRESH(`SELECT o.assignment_id FROM old_rows o`)};
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION aggregates_statements_delete() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${LOCK_ASSIGNMENTS('old_rows')};
     ${TOTALS_UPSERT(OLD_ROWS)};
     ${FIRST_MONTHS_REFRESH(`SELECT o.assignment_id FROM old_rows o WHERE o.status = 'validated'`)};
     RETURN NULL;
   END $$`,
  ...CRITERIA_EVENTS.map(
    (event) => `CREATE OR REPLACE FUNCTION aggregates_criteria_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM 1 FROM beneficiaries b WHERE b.id IN (${PEOPLE[event]}) ORDER BY b.id FOR NO KEY UPDATE;
     PERFORM 1 FROM assignments a WHERE a.beneficiary_id IN (${PEOPLE[event]}) ORDER BY a.id FOR NO KEY UPDATE;
     UPDATE assignments a SET eligible = x.eligible
       FROM (SELECT a2.id, ${eligibilityRuleSql('a2.beneficiary_id', 'a2.start_date')} AS eligible
               FROM assignments a2 WHERE a2.beneficiary_id IN (${PEOPLE[event]})) x
      WHERE a.id = x.id AND a.eligible IS DISTINCT FROM x.eligible;
     -- A second criterion changes the breakdown by criterion, not the flag.
     ${CRITERIA_FOLLOW(PEOPLE[event])};
     RETURN NULL;
   END $$`,
  ),
  // What follows a changed assignment: its first month's flag and profile, and its hours between the columns.
  `CREATE OR REPLACE FUNCTION aggregates_assignments_follow() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE assignment_first_months f SET eligible = n.eligible, person_key = b.person_key, start_date = n.start_date, modality = n.modality,
            exit_outcome = n.exit_outcome, sex = b.sex, birth_year = b.birth_year, qpv_resident = b.qpv_resident, criteria = ${eligibleCriteriaSql('n')}
       FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN beneficiaries b ON b.id = n.beneficiary_id
      WHERE f.assignment_id = n.id
        AND (o.eligible, o.beneficiary_id, o.start_date, o.modality, o.exit_outcome) IS DISTINCT FROM (n.eligible, n.beneficiary_id, n.start_date, n.modality, n.exit_outcome);
     INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
     SELECT s.contract_id, s.month, 0, 0, sum(CASE WHEN n.eligible THEN -s.hours_x100 ELSE s.hours_x100 END)
       FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.eligible IS DISTINCT FROM n.eligible
       JOIN hours_statements s ON s.assignment_id = n.id AND s.status = 'validated'
      GROUP BY s.contract_id, s.month
      ORDER BY s.contract_id, s.month
     ON CONFLICT (contract_id, month) DO UPDATE SET not_eligible_x100 = t.not_eligible_x100 + excluded.not_eligible_x100;
     RETURN NULL;
   END $$`,
  // What follows a changed person: their assignments locked first (the order of every writer), then their rows.
  `CREATE FUNCTION aggregates_beneficiaries_follow() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${PERSON_CHANGED}) THEN
       RETURN NULL;
     END IF;
     PERFORM 1 FROM assignments a WHERE a.beneficiary_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${PERSON_CHANGED})
       ORDER BY a.id FOR NO KEY UPDATE;
     UPDATE assignment_first_months f SET person_key = n.person_key, sex = n.sex, birth_year = n.birth_year, qpv_resident = n.qpv_resident
       FROM assignments a JOIN new_rows n ON n.id = a.beneficiary_id JOIN old_rows o ON o.id = n.id
      WHERE f.assignment_id = a.id AND ${PERSON_CHANGED};
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION rebuild_aggregates() RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE assignments a SET eligible = ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')}
      WHERE a.eligible IS DISTINCT FROM ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')};
     DELETE FROM contract_month_totals;
     INSERT INTO contract_month_totals (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
     SELECT s.contract_id, s.month, coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated'), 0),
            coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'declared'), 0),
            coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated' AND NOT a.eligible), 0)
       FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id
      WHERE s.status IN ('validated', 'declared') GROUP BY s.contract_id, s.month;
     DELETE FROM assignment_first_months;
     INSERT INTO assignment_first_months (assignment_id, contract_id, person_key, first_month, eligible, ${PROFILE_COLUMNS})
     SELECT a.id, a.contract_id, b.person_key, m.first_month, a.eligible, ${profileOf('a', 'b')}
       FROM (SELECT assignment_id, min(month) AS first_month FROM hours_statements WHERE status = 'validated' GROUP BY assignment_id) m
       JOIN assignments a ON a.id = m.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id;
   END $$`,
];

export class AssignmentProfiles1795464000000 implements MigrationInterface {
  name = 'AssignmentProfiles1795464000000';

  public async up(q: QueryRunner): Promise<void> {
    // Filled from the assignments, the people and the criteria, then made NOT NULL (exit_outcome stays nullable, as on the assignment).
    await q.query(
      `ALTER TABLE "assignment_first_months" ADD "start_date" date, ADD "modality" text, ADD "exit_outcome" text, ADD "sex" text,
         ADD "birth_year" smallint, ADD "qpv_resident" boolean, ADD "criteria" text array`,
    );
    await q.query(
      `UPDATE assignment_first_months f SET (${PROFILE_COLUMNS}) = (SELECT ${profileOf('a', 'b')})
         FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id WHERE a.id = f.assignment_id`,
    );
    for (const c of ['start_date', 'modality', 'sex', 'birth_year', 'qpv_resident', 'criteria']) {
      await q.query(`ALTER TABLE "assignment_first_months" ALTER COLUMN "${c}" SET NOT NULL`);
    }
    // The people index now carries the profile: a report reads a scope's counted assignments from it
    // alone, contract by contract, instead of one heap page per assignment (at bench scale 4, 284,000
    // page reads for Île-de-France to date, 1 s; 44,000 and 0.5 s this way). Its rows seldom change
    // (a first month, an exit, a criterion), so its pages stay all-visible for index-only scans.
    await q.query(`DROP INDEX "assignment_first_months_people"`);
    await q.query(
      `CREATE INDEX "assignment_first_months_people" ON "assignment_first_months" ("contract_id", "first_month", "person_key")
         INCLUDE ("assignment_id", ${PROFILE_COLUMNS}) WHERE eligible`,
    );
    for (const f of FUNCTIONS) await q.query(f);
    await q.query(
      `CREATE TRIGGER aggregates_beneficiaries_follow AFTER UPDATE ON beneficiaries
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_beneficiaries_follow()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER aggregates_beneficiaries_follow ON beneficiaries`);
    await q.query(`DROP FUNCTION aggregates_beneficiaries_follow()`);
    // EligibilityAggregates' definitions of every function replaced above.
    for (const f of ELIGIBILITY_FUNCTIONS) await q.query(f.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    await q.query(`DROP INDEX "assignment_first_months_people"`);
    await q.query(`CREATE INDEX "assignment_first_months_people" ON "assignment_first_months" ("contract_id", "first_month", "person_key") WHERE eligible`);
    await q.query(
      `ALTER TABLE "assignment_first_months" DROP COLUMN "start_date", DROP COLUMN "modality", DROP COLUMN "exit_outcome", DROP COLUMN "sex",
         DROP COLUMN "birth_year", DROP COLUMN "qpv_resident", DROP COLUMN "criteria"`,
    );
  }
}
