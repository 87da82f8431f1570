import { MigrationInterface, QueryRunner } from 'typeorm';
import { FUNCTIONS as AGGREGATES_FUNCTIONS } from './1795460000000-Aggregates';

/**
 * Eligibility in the pre-summed figures, so the compliance figures read no statement and no assignment:
 *
 * - assignment_first_months carries its assignment's flag: the people of a contract or a scope are
 *   counted index-only from a partial index of eligible rows (they joined each first month to its
 *   assignment: 54,000 of the 92,000 pages a department 93 page read at bench scale 1);
 * - contract_month_totals sums the validated hours of non-eligible assignments apart (they were summed
 *   live, statement by statement: a third of the department page's SQL); the partial index that served
 *   that live sum goes.
 *
 * When criteria change an assignment's flag, its first months follow and its validated hours move
 * between the columns. Why it stays exact under concurrency: a statement trigger locks the assignments
 * of the validated statements it counts FOR SHARE before reading their flag, and the criteria triggers
 * update the flag under NO KEY UPDATE, which conflict: whichever commits second sees the other's work.
 * Why it does not deadlock: every writer takes its locks in one order, assignments by id, then totals
 * rows by contract and month (a validated import locks all its assignments first: hours-writer.ts).
 * aggregates.e2e-spec checks all of it against the raw rows, interleaving writers on two connections.
 */

/** DOMAIN rule 5 as src/assignments/eligibility.sql.ts wrote it when this migration ran: a criterion of the person valid on the start date. */
const eligibilityRuleSql = (beneficiaryId: string, startDate: string) =>
  `EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = ${beneficiaryId} AND elig_c.validated_on <= ${startDate} AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= ${startDate}))`;

/** Locks the assignments of the validated statements among `rows` against a change of eligibility, in id order. */
export const LOCK_ASSIGNMENTS = (rows: string) => `PERFORM 1 FROM assignments WHERE id IN (SELECT assignment_id FROM ${rows} WHERE status = 'validated') ORDER BY id FOR SHARE`;

/** Sums of the statements' (status, hours) per contract and month, with a sign, the non-eligible part apart. */
export const TOTALS_UPSERT = (changes: string) => `
  INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
  SELECT c.contract_id, c.month,
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated'), 0),
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'declared'), 0),
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated' AND NOT a.eligible), 0)
    FROM (${changes}) c JOIN assignments a ON a.id = c.assignment_id
   WHERE c.status IN ('validated', 'declared')
   GROUP BY c.contract_id, c.month
   ORDER BY c.contract_id, c.month
  ON CONFLICT (contract_id, month) DO UPDATE
     SET validated_x100 = t.validated_x100 + excluded.validated_x100, declared_x100 = t.declared_x100 + excluded.declared_x100,
         not_eligible_x100 = t.not_eligible_x100 + excluded.not_eligible_x100`;

/** The first validated month of each assignment among `rows`, kept as the minimum, with its flag (assignments locked by the caller). */
const FIRST_MONTHS_UPSERT = (rows: string) => `
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month, eligible)
  SELECT r.assignment_id, r.contract_id, b.person_key, min(r.month), a.eligible
    FROM ${rows} r JOIN assignments a ON a.id = r.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE r.status = 'validated'
   GROUP BY r.assignment_id, r.contract_id, b.person_key, a.eligible
   ORDER BY r.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = LEAST(f.first_month, excluded.first_month), eligible = excluded.eligible`;

/**
 * Recomputes the first months of some assignments from the statements (upsert, then removal of those
 * left without a validated month). It locks its own assignments: on an update, they are all the old
 * rows', validated or not.
 */
const FIRST_MONTHS_REFRESH = (assignmentIds: string) => `
  PERFORM 1 FROM assignments WHERE id IN (${assignmentIds}) ORDER BY id FOR SHARE;
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

export const NEW_ROWS = 'SELECT contract_id, month, status, hours_x100, 1 AS sign, assignment_id FROM new_rows';
export const OLD_ROWS = 'SELECT contract_id, month, status, hours_x100, -1 AS sign, assignment_id FROM old_rows';

export const CRITERIA_EVENTS = ['insert', 'update', 'delete'] as const;
export const PEOPLE: Record<(typeof CRITERIA_EVENTS)[number], string> = {
  insert: 'SELECT beneficiary_id FROM new_rows',
  delete: 'SELECT beneficiary_id FROM old_rows',
  update: 'SELECT beneficiary_id FROM new_rows UNION SELECT beneficiary_id FROM old_rows',
};

export const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION aggregates_statements_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
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
     ${LOCK_ASSIGNMENTS('old_rows')};
     ${TOTALS_UPSERT(OLD_ROWS)};
     ${FIRST_MONTHS_REFRESH(`SELECT o.assignment_id FROM old_rows o WHERE o.status = 'validated'`)};
     RETURN NULL;
   END $$`,
  // The criteria triggers: the person, then their assignments in id order, then the flag.
  ...CRITERIA_EVENTS.map(
    (event) => `CREATE OR REPLACE FUNCTION aggregates_criteria_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     -- Assignments being created for these people wait (they lock the person for share), then see the new
     -- criteria. NO KEY UPDATE: it does not conflict with the key-share locks of the criteria rows' own
     -- foreign-key checks, so two criteria written at once queue.
     PERFORM 1 FROM beneficiaries b WHERE b.id IN (${PEOPLE[event]}) ORDER BY b.id FOR NO KEY UPDATE;
     -- An UPDATE locks rows in whatever order its plan returns them: the order every writer uses first.
     PERFORM 1 FROM assignments a WHERE a.beneficiary_id IN (${PEOPLE[event]}) ORDER BY a.id FOR NO KEY UPDATE;
     UPDATE assignments a SET eligible = x.eligible
       FROM (SELECT a2.id, ${eligibilityRuleSql('a2.beneficiary_id', 'a2.start_date')} AS eligible
               FROM assignments a2 WHERE a2.beneficiary_id IN (${PEOPLE[event]})) x
      WHERE a.id = x.id AND a.eligible IS DISTINCT FROM x.eligible;
     RETURN NULL;
   END $$`,
  ),
  // What follows a changed flag (or person), once per statement, the totals as one upsert in their order.
  // No column list: a flag set by the eligibility trigger is not a column the UPDATE names.
  `CREATE FUNCTION aggregates_assignments_follow() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE assignment_first_months f SET eligible = n.eligible, person_key = b.person_key
       FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN beneficiaries b ON b.id = n.beneficiary_id
      WHERE f.assignment_id = n.id AND (o.eligible IS DISTINCT FROM n.eligible OR o.beneficiary_id IS DISTINCT FROM n.beneficiary_id);
     INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
     SELECT s.contract_id, s.month, 0, 0, sum(CASE WHEN n.eligible THEN -s.hours_x100 ELSE s.hours_x100 END)
       FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.eligible IS DISTINCT FROM n.eligible
       JOIN hours_statements s ON s.assignment_id = n.id AND s.status = 'validated'
      GROUP BY s.contract_id, s.month
      ORDER BY s.contract_id, s.month
     ON CONFLICT (contract_id, month) DO UPDATE SET not_eligible_x100 = t.not_eligible_x100 + excluded.not_eligible_x100;
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
     INSERT INTO assignment_first_months (assignment_id, contract_id, person_key, first_month, eligible)
     SELECT s.assignment_id, s.contract_id, b.person_key, min(s.month), a.eligible
       FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
      WHERE s.status = 'validated' GROUP BY s.assignment_id, s.contract_id, b.person_key, a.eligible;
   END $$`,
];

export class EligibilityAggregates1795463000000 implements MigrationInterface {
  name = 'EligibilityAggregates1795463000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assignment_first_months" ADD "eligible" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE assignment_first_months f SET eligible = true FROM assignments a WHERE a.id = f.assignment_id AND a.eligible`);
    await q.query(`ALTER TABLE "assignment_first_months" ALTER COLUMN "eligible" DROP DEFAULT`);
    await q.query(`DROP INDEX "assignment_first_months_contract"`);
    await q.query(`CREATE INDEX "assignment_first_months_people" ON "assignment_first_months" ("contract_id", "first_month", "person_key") WHERE eligible`);
    await q.query(`ALTER TABLE "contract_month_totals" ADD "not_eligible_x100" bigint NOT NULL DEFAULT '0'`);
    await q.query(
      `UPDATE contract_month_totals t SET not_eligible_x100 = x.hours
         FROM (SELECT s.contract_id, s.month, sum(s.hours_x100) AS hours FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id
                WHERE s.status = 'validated' AND NOT a.eligible GROUP BY s.contract_id, s.month) x
        WHERE t.contract_id = x.contract_id AND t.month = x.month`,
    );
    await q.query(`DROP INDEX "assignments_not_eligible"`);
    for (const f of FUNCTIONS) await q.query(f);
    await q.query(
      `CREATE TRIGGER aggregates_assignments_follow AFTER UPDATE ON assignments
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_assignments_follow()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER aggregates_assignments_follow ON assignments`);
    await q.query(`DROP FUNCTION aggregates_assignments_follow()`);
    // The Aggregates migration's definitions of every function replaced above.
    for (const f of AGGREGATES_FUNCTIONS.filter((sql) => !sql.includes('aggregates_assignment_eligibility'))) {
      await q.query(f.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    }
    await q.query(`CREATE INDEX "assignments_not_eligible" ON "assignments" ("contract_id") WHERE NOT eligible`);
    await q.query(`ALTER TABLE "contract_month_totals" DROP COLUMN "not_eligible_x100"`);
    await q.query(`DROP INDEX "assignment_first_months_people"`);
    await q.query(`CREATE INDEX "assignment_first_months_contract" ON "assignment_first_months" ("contract_id", "first_month")`);
    await q.query(`ALTER TABLE "assignment_first_months" DROP COLUMN "eligible"`);
  }
}
