import { MigrationInterface, QueryRunner } from 'typeorm';
import { eligibilityRuleSql } from '../src/assignments/eligibility.sql';
import { FUNCTIONS as AGGREGATES_FUNCTIONS } from './1795460000000-Aggregates';

/**
 * One lock order for everything that writes the pre-summed figures, so criteria written while hours
 * are imported or validated queue instead of deadlocking (found by review of FirstMonthEligibility and
 * NotEligibleTotals, which made statement writers lock assignments FOR SHARE and criteria writers
 * update contract_month_totals): first the assignments, by id, then the totals rows, by contract and
 * month.
 *
 * - The criteria triggers lock the person's assignments by id before updating their flag (an UPDATE
 *   locks rows in whatever order its plan returns them).
 * - What follows a changed flag (the first months' copy, the non-eligible hours moved between columns)
 *   runs once per statement instead of once per assignment row, as one upsert sorted by contract and
 *   month, like the statement triggers' own. It has no column list, so a flag changed by the
 *   eligibility trigger (a new start date or person) is seen too.
 * - The import locks all its assignments by id before writing validated hours (hours-writer.ts).
 *
 * The partial index of non-eligible assignments goes: the compliance figures read those hours from
 * contract_month_totals now, and nothing else searches by it.
 */

const CRITERIA_EVENTS = ['insert', 'update', 'delete'] as const;
const PEOPLE: Record<(typeof CRITERIA_EVENTS)[number], string> = {
  insert: 'SELECT beneficiary_id FROM new_rows',
  delete: 'SELECT beneficiary_id FROM old_rows',
  update: 'SELECT beneficiary_id FROM new_rows UNION SELECT beneficiary_id FROM old_rows',
};

const criteriaFunction = (event: (typeof CRITERIA_EVENTS)[number]) => `CREATE OR REPLACE FUNCTION aggregates_criteria_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- Assignments being created for these people wait (they lock the person for share), then see the new
    -- criteria. NO KEY UPDATE: it does not conflict with the key-share locks of the criteria rows' own
    -- foreign-key checks, so two criteria written at once queue.
    PERFORM 1 FROM beneficiaries b WHERE b.id IN (${PEOPLE[event]}) ORDER BY b.id FOR NO KEY UPDATE;
    -- Their assignments in id order, the order every statement writer locks them in.
    PERFORM 1 FROM assignments a WHERE a.beneficiary_id IN (${PEOPLE[event]}) ORDER BY a.id FOR NO KEY UPDATE;
    UPDATE assignments a SET eligible = x.eligible
      FROM (SELECT a2.id, ${eligibilityRuleSql('a2.beneficiary_id', 'a2.start_date')} AS eligible
              FROM assignments a2 WHERE a2.beneficiary_id IN (${PEOPLE[event]})) x
     WHERE a.id = x.id AND a.eligible IS DISTINCT FROM x.eligible;
    RETURN NULL;
  END $$`;

const FOLLOW_FUNCTION = `CREATE FUNCTION aggregates_assignments_follow() RETURNS trigger LANGUAGE plpgsql AS $$
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
  END $$`;

const FOLLOW_TRIGGER = `CREATE TRIGGER aggregates_assignments_follow AFTER UPDATE ON assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_assignments_follow()`;

/** The row-level trigger of NotEligibleTotals, for down(). */
const ROW_FOLLOW_FUNCTION = `CREATE FUNCTION aggregates_first_month_follows_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE assignment_first_months f SET eligible = NEW.eligible, person_key = b.person_key
      FROM beneficiaries b WHERE f.assignment_id = NEW.id AND b.id = NEW.beneficiary_id;
    IF OLD.eligible IS DISTINCT FROM NEW.eligible THEN
      UPDATE contract_month_totals t SET not_eligible_x100 = t.not_eligible_x100 + CASE WHEN NEW.eligible THEN -x.hours ELSE x.hours END
        FROM (SELECT contract_id, month, sum(hours_x100) AS hours FROM hours_statements
               WHERE assignment_id = NEW.id AND status = 'validated' GROUP BY contract_id, month) x
       WHERE t.contract_id = x.contract_id AND t.month = x.month;
    END IF;
    RETURN NULL;
  END $$`;
const ROW_FOLLOW_TRIGGER = `CREATE TRIGGER aggregates_first_month_follows_assignment AFTER UPDATE ON assignments FOR EACH ROW
  WHEN (OLD.eligible IS DISTINCT FROM NEW.eligible OR OLD.beneficiary_id IS DISTINCT FROM NEW.beneficiary_id)
  EXECUTE FUNCTION aggregates_first_month_follows_assignment()`;

export class EligibilityLockOrder1795465000000 implements MigrationInterface {
  name = 'EligibilityLockOrder1795465000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const event of CRITERIA_EVENTS) await q.query(criteriaFunction(event));
    await q.query(`DROP TRIGGER aggregates_first_month_follows_assignment ON assignments`);
    await q.query(`DROP FUNCTION aggregates_first_month_follows_assignment()`);
    await q.query(FOLLOW_FUNCTION);
    await q.query(FOLLOW_TRIGGER);
    await q.query(`DROP INDEX "assignments_not_eligible"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "assignments_not_eligible" ON "assignments" ("contract_id") WHERE NOT eligible`);
    await q.query(`DROP TRIGGER aggregates_assignments_follow ON assignments`);
    await q.query(`DROP FUNCTION aggregates_assignments_follow()`);
    await q.query(ROW_FOLLOW_FUNCTION);
    await q.query(ROW_FOLLOW_TRIGGER);
    for (const f of AGGREGATES_FUNCTIONS.filter((sql) => sql.includes('FUNCTION aggregates_criteria_'))) {
      await q.query(f.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    }
  }
}
