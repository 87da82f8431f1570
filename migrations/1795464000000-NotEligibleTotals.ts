import { MigrationInterface, QueryRunner } from 'typeorm';
import { eligibilityRuleSql } from '../src/assignments/eligibility.sql';
import { FUNCTIONS as FIRST_MONTH_FUNCTIONS } from './1795463000000-FirstMonthEligibility';

/**
 * contract_month_totals also pre-sums the validated hours of non-eligible assignments, which the
 * compliance figures summed live statement by statement (a third of a department page's SQL at bench
 * scale 1: 1,000 non-eligible assignments, 11,000 statements).
 *
 * Kept like the other sums, by adding each statement's own change, now weighted by its assignment's
 * flag; when the flag of an assignment changes (its criteria), its validated hours move between the
 * columns. The statement triggers lock the assignments of the statements they count FOR SHARE before
 * reading the flag, which the criteria triggers' update of the flag waits for, and the other way
 * round: whichever commits second sees the other's work, so no hour is counted under a stale flag.
 */

/** Locks the assignments of the validated statements among `rows` against a change of eligibility, in one order. */
const LOCK_ASSIGNMENTS = (rows: string) => `PERFORM 1 FROM assignments WHERE id IN (SELECT assignment_id FROM ${rows} WHERE status = 'validated') ORDER BY id FOR SHARE`;

/** Sums of the statements' (status, hours) per contract and month, with a sign, the non-eligible part apart. */
const TOTALS_UPSERT = (changes: string) => `
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

/** A function of FirstMonthEligibility with its totals upsert replaced by the one above, and the lock taken first. */
function withNotEligible(name: string, changes: string, lockedRows: string): string {
  const previous = FIRST_MONTH_FUNCTIONS.find((f) => f.includes(`FUNCTION ${name}()`));
  if (!previous) throw new Error(`FirstMonthEligibility defines no ${name}()`);
  const begin = previous.indexOf('BEGIN') + 'BEGIN'.length;
  const totalsEnd = previous.indexOf(';', previous.indexOf('INSERT INTO contract_month_totals'));
  return `${previous.slice(0, begin)}
     ${LOCK_ASSIGNMENTS(lockedRows)};
     ${TOTALS_UPSERT(changes)}${previous.slice(totalsEnd)}`;
}

const NEW_ROWS = 'SELECT contract_id, month, status, hours_x100, 1 AS sign, assignment_id FROM new_rows';
const OLD_ROWS = 'SELECT contract_id, month, status, hours_x100, -1 AS sign, assignment_id FROM old_rows';

const FUNCTIONS = [
  withNotEligible('aggregates_statements_insert', NEW_ROWS, 'new_rows'),
  withNotEligible('aggregates_statements_update', `${NEW_ROWS} UNION ALL ${OLD_ROWS}`, '(SELECT assignment_id, status FROM new_rows UNION ALL SELECT assignment_id, status FROM old_rows) changed'),
  withNotEligible('aggregates_statements_delete', OLD_ROWS, 'old_rows'),
  // The copy in the first months follows its assignment, and so do its validated hours' columns.
  `CREATE OR REPLACE FUNCTION aggregates_first_month_follows_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
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

const FOLLOW_TRIGGER = (columns: string) => `CREATE TRIGGER aggregates_first_month_follows_assignment AFTER UPDATE${columns} ON assignments FOR EACH ROW
  WHEN (OLD.eligible IS DISTINCT FROM NEW.eligible OR OLD.beneficiary_id IS DISTINCT FROM NEW.beneficiary_id)
  EXECUTE FUNCTION aggregates_first_month_follows_assignment()`;

export class NotEligibleTotals1795464000000 implements MigrationInterface {
  name = 'NotEligibleTotals1795464000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contract_month_totals" ADD "not_eligible_x100" bigint NOT NULL DEFAULT '0'`);
    await q.query(
      `UPDATE contract_month_totals t SET not_eligible_x100 = x.hours
         FROM (SELECT s.contract_id, s.month, sum(s.hours_x100) AS hours FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id
                WHERE s.status = 'validated' AND NOT a.eligible GROUP BY s.contract_id, s.month) x
        WHERE t.contract_id = x.contract_id AND t.month = x.month`,
    );
    for (const f of FUNCTIONS) await q.query(f);
    // Without a column list: a flag changed by the eligibility trigger (on a new start date or person)
    // is not a column the UPDATE names, and a trigger "OF eligible" would not see it.
    await q.query(`DROP TRIGGER aggregates_first_month_follows_assignment ON assignments`);
    await q.query(FOLLOW_TRIGGER(''));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER aggregates_first_month_follows_assignment ON assignments`);
    await q.query(FOLLOW_TRIGGER(' OF eligible, beneficiary_id'));
    for (const f of FIRST_MONTH_FUNCTIONS) await q.query(f.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    await q.query(`ALTER TABLE "contract_month_totals" DROP COLUMN "not_eligible_x100"`);
  }
}
