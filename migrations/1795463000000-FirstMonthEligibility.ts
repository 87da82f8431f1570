import { MigrationInterface, QueryRunner } from 'typeorm';
import { eligibilityRuleSql } from '../src/assignments/eligibility.sql';
import { FUNCTIONS as AGGREGATES_FUNCTIONS, TOTALS_UPSERT } from './1795460000000-Aggregates';

/**
 * assignment_first_months carries its assignment's eligibility flag, so the people of a contract or a
 * scope are counted from one partial index, (contract, first month, person) of eligible rows, read
 * index-only: the count joined every first month to its assignment for the flag (54,000 of the 92,000
 * pages a department 93 compliance page read at bench scale 1, and the same again for its people).
 *
 * The copy is kept equal to assignments.eligible: written with the first month from the assignment,
 * and followed when the assignment's flag (or person) changes. A statement trigger locks the
 * assignments it writes first months for FOR SHARE before reading their flag, which conflicts with the
 * criteria triggers' update of that flag: whichever commits second sees the other's work.
 */

/** Locks the assignments of `ids` against a change of eligibility until commit, in one order. */
const LOCK_ASSIGNMENTS = (ids: string) => `PERFORM 1 FROM assignments WHERE id IN (${ids}) ORDER BY id FOR SHARE`;

/** The first validated month of each assignment among `rows`, kept as the minimum, with its flag. */
const FIRST_MONTHS_UPSERT = (rows: string) => `
  ${LOCK_ASSIGNMENTS(`SELECT assignment_id FROM ${rows} WHERE status = 'validated'`)};
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month, eligible)
  SELECT r.assignment_id, r.contract_id, b.person_key, min(r.month), a.eligible
    FROM ${rows} r JOIN assignments a ON a.id = r.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE r.status = 'validated'
   GROUP BY r.assignment_id, r.contract_id, b.person_key, a.eligible
   ORDER BY r.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = LEAST(f.first_month, excluded.first_month), eligible = excluded.eligible`;

/** Recomputes the first months of some assignments from the statements (upsert, then removal of those left empty). */
const FIRST_MONTHS_REFRESH = (assignmentIds: string) => `
  ${LOCK_ASSIGNMENTS(assignmentIds)};
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month, eligible)
  SELECT s.assignment_id, s.contract_id, b.person_key, min(s.month), a.eligible
    FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE s.status = 'validated' AND s.assignment_id IN (${assignmentIds})
   GROUP BY s.assignment_id, s.contract_id, b.person_key, a.eligible
   ORDER BY s.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = excluded.first_month, eligible = excluded.eligible;
  DELETE FROM assignment_first_months f
   WHERE f.assignment_id IN (${assignmentIds})
     AND NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.assignment_id = f.assignment_id AND s.status = 'validated')`;

/** The statement functions and the rebuild of the Aggregates migration, the first months now with their flag. */
export const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION aggregates_statements_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${TOTALS_UPSERT('SELECT contract_id, month, status, hours_x100, 1 AS sign FROM new_rows')};
     ${FIRST_MONTHS_UPSERT('new_rows')};
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION aggregates_statements_update() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${TOTALS_UPSERT(`SELECT contract_id, month, status, hours_x100, 1 AS sign FROM new_rows
                      UNION ALL SELECT contract_id, month, status, hours_x100, -1 FROM old_rows`)};
     ${FIRST_MONTHS_UPSERT('new_rows')};
     -- A validated statement leaving 'validated' without another month taking its place does not happen
     -- through the service (a correction keeps its month); if it does (a fix by hand), recompute.
     IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE o.status = 'validated' AND (n.status <> 'validated' OR n.month <> o.month OR n.assignment_id <> o.assignment_id)
                   AND NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.assignment_id = o.assignment_id AND s.month = o.month AND s.status = 'validated')) THEN
       ${FIRST_MONTHS_REFRESH(`SELECT o.assignment_id FROM old_rows o`)};
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION aggregates_statements_delete() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${TOTALS_UPSERT('SELECT contract_id, month, status, hours_x100, -1 AS sign FROM old_rows')};
     ${FIRST_MONTHS_REFRESH(`SELECT o.assignment_id FROM old_rows o WHERE o.status = 'validated'`)};
     RETURN NULL;
   END $$`,
  // The copy follows its assignment (the criteria triggers update the flag, an edit the person).
  `CREATE FUNCTION aggregates_first_month_follows_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE assignment_first_months f SET eligible = NEW.eligible, person_key = b.person_key
       FROM beneficiaries b WHERE f.assignment_id = NEW.id AND b.id = NEW.beneficiary_id;
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION rebuild_aggregates() RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE assignments a SET eligible = ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')}
      WHERE a.eligible IS DISTINCT FROM ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')};
     DELETE FROM contract_month_totals;
     INSERT INTO contract_month_totals (contract_id, month, validated_x100, declared_x100)
     SELECT contract_id, month, coalesce(sum(hours_x100) FILTER (WHERE status = 'validated'), 0), coalesce(sum(hours_x100) FILTER (WHERE status = 'declared'), 0)
       FROM hours_statements WHERE status IN ('validated', 'declared') GROUP BY contract_id, month;
     DELETE FROM assignment_first_months;
     INSERT INTO assignment_first_months (assignment_id, contract_id, person_key, first_month, eligible)
     SELECT s.assignment_id, s.contract_id, b.person_key, min(s.month), a.eligible
       FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
      WHERE s.status = 'validated' GROUP BY s.assignment_id, s.contract_id, b.person_key, a.eligible;
   END $$`,
];

/** The earlier definitions of the functions replaced above, for down(). */
const REPLACED = ['aggregates_statements_insert', 'aggregates_statements_update', 'aggregates_statements_delete', 'rebuild_aggregates'];

export class FirstMonthEligibility1795463000000 implements MigrationInterface {
  name = 'FirstMonthEligibility1795463000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assignment_first_months" ADD "eligible" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE assignment_first_months f SET eligible = a.eligible FROM assignments a WHERE a.id = f.assignment_id AND a.eligible`);
    await q.query(`ALTER TABLE "assignment_first_months" ALTER COLUMN "eligible" DROP DEFAULT`);
    await q.query(`DROP INDEX "assignment_first_months_contract"`);
    await q.query(`CREATE INDEX "assignment_first_months_people" ON "assignment_first_months" ("contract_id", "first_month", "person_key") WHERE eligible`);
    for (const f of FUNCTIONS) await q.query(f);
    await q.query(
      `CREATE TRIGGER aggregates_first_month_follows_assignment AFTER UPDATE OF eligible, beneficiary_id ON assignments FOR EACH ROW
       WHEN (OLD.eligible IS DISTINCT FROM NEW.eligible OR OLD.beneficiary_id IS DISTINCT FROM NEW.beneficiary_id)
       EXECUTE FUNCTION aggregates_first_month_follows_assignment()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER aggregates_first_month_follows_assignment ON assignments`);
    await q.query(`DROP FUNCTION aggregates_first_month_follows_assignment()`);
    for (const f of AGGREGATES_FUNCTIONS.filter((sql) => REPLACED.some((name) => sql.includes(`FUNCTION ${name}()`)))) {
      await q.query(f.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    }
    await q.query(`DROP INDEX "assignment_first_months_people"`);
    await q.query(`CREATE INDEX "assignment_first_months_contract" ON "assignment_first_months" ("contract_id", "first_month")`);
    await q.query(`ALTER TABLE "assignment_first_months" DROP COLUMN "eligible"`);
  }
}
