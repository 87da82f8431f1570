import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the compliance figures read instead of every statement (see
 * src/compliance/aggregates/aggregate.entities.ts), and the eligibility flag of assignments, all kept
 * by triggers in the writer's transaction. Hand-written: TypeORM knows the tables, not the triggers.
 *
 * Why it is exact under concurrency: the totals are changed by adding each statement's own change
 * (x = x + delta, commutative); first months only ever decrease (validated months never disappear
 * through the service), so LEAST is commutative too — except for a moment while a correction is
 * validated (its month leaves 'validated', then comes back), when an upsert recomputes them from the
 * statements; the eligibility flag is recomputed from the
 * criteria under a lock on the beneficiary that criteria writes and assignment inserts both take.
 */

/** DOMAIN rule 5 as src/assignments/eligibility.sql.ts wrote it when this migration ran: a criterion of the person valid on the start date. */
const eligibilityRuleSql = (beneficiaryId: string, startDate: string) =>
  `EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = ${beneficiaryId} AND elig_c.validated_on <= ${startDate} AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= ${startDate}))`;

/** Sums of the statements' (status, hours) per contract and month, with a sign: +1 new rows, -1 old rows. */
const TOTALS_UPSERT = (changes: string) => `
  INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100)
  SELECT c.contract_id, c.month,
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated'), 0),
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'declared'), 0)
    FROM (${changes}) c
   WHERE c.status IN ('validated', 'declared')
   GROUP BY c.contract_id, c.month
   ORDER BY c.contract_id, c.month
  ON CONFLICT (contract_id, month) DO UPDATE
     SET validated_x100 = t.validated_x100 + excluded.validated_x100, declared_x100 = t.declared_x100 + excluded.declared_x100`;

/** The first validated month of each assignment among `rows`, kept as the minimum. */
const FIRST_MONTHS_UPSERT = (rows: string) => `
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month)
  SELECT r.assignment_id, r.contract_id, b.person_key, min(r.month)
    FROM ${rows} r JOIN assignments a ON a.id = r.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE r.status = 'validated'
   GROUP BY r.assignment_id, r.contract_id, b.person_key
   ORDER BY r.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = LEAST(f.first_month, excluded.first_month)`;

/**
 * Recomputes the first months of some assignments from the statements (after a validated month left
 * 'validated'). An upsert, then the removal of those left without any validated month: delete-then-
 * insert made two transactions validating corrections of one assignment collide on its key.
 */
const FIRST_MONTHS_REFRESH = (assignmentIds: string) => `
  INSERT INTO assignment_first_months AS f (assignment_id, contract_id, person_key, first_month)
  SELECT s.assignment_id, s.contract_id, b.person_key, min(s.month)
    FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE s.status = 'validated' AND s.assignment_id IN (${assignmentIds})
   GROUP BY s.assignment_id, s.contract_id, b.person_key
   ORDER BY s.assignment_id
  ON CONFLICT (assignment_id) DO UPDATE SET first_month = excluded.first_month;
  DELETE FROM assignment_first_months f
   WHERE f.assignment_id IN (${assignmentIds})
     AND NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.assignment_id = f.assignment_id AND s.status = 'validated')`;

export const FUNCTIONS = [
  // Statements.
  `CREATE FUNCTION aggregates_statements_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${TOTALS_UPSERT('SELECT contract_id, month, status, hours_x100, 1 AS sign FROM new_rows')};
     ${FIRST_MONTHS_UPSERT('new_rows')};
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION aggregates_statements_update() RETURNS trigger LANGUAGE plpgsql AS $$
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
  `CREATE FUNCTION aggregates_statements_delete() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${TOTALS_UPSERT('SELECT contract_id, month, status, hours_x100, -1 AS sign FROM old_rows')};
     ${FIRST_MONTHS_REFRESH(`SELECT o.assignment_id FROM old_rows o WHERE o.status = 'validated'`)};
     RETURN NULL;
   END $$`,
  // Eligibility of an assignment, when it is created (or its person or start date change).
  `CREATE FUNCTION aggregates_assignment_eligibility() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     -- Waits for a criterion being written for this person (its trigger locks the person for no-key update).
     PERFORM 1 FROM beneficiaries WHERE id = NEW.beneficiary_id FOR SHARE;
     NEW.eligible := ${eligibilityRuleSql('NEW.beneficiary_id', 'NEW.start_date')};
     RETURN NEW;
   END $$`,
  // ... and when a person's criteria change (one function per event: a transition table exists only for its own).
  ...(['insert', 'update', 'delete'] as const).map((event) => {
    const people = { insert: 'SELECT beneficiary_id FROM new_rows', delete: 'SELECT beneficiary_id FROM old_rows', update: 'SELECT beneficiary_id FROM new_rows UNION SELECT beneficiary_id FROM old_rows' }[event];
    return `CREATE FUNCTION aggregates_criteria_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       -- Assignments being created for these people wait (they lock the person for share), then see the new
       -- criteria. NO KEY UPDATE, not UPDATE: it does not conflict with the key-share locks that the
       -- criteria rows' own foreign-key checks hold on the person, so two criteria written at once queue.
       PERFORM 1 FROM beneficiaries b WHERE b.id IN (${people}) ORDER BY b.id FOR NO KEY UPDATE;
       UPDATE assignments a SET eligible = x.eligible
         FROM (SELECT a2.id, ${eligibilityRuleSql('a2.beneficiary_id', 'a2.start_date')} AS eligible
                 FROM assignments a2 WHERE a2.beneficiary_id IN (${people})) x
        WHERE a.id = x.id AND a.eligible IS DISTINCT FROM x.eligible;
       RETURN NULL;
     END $$`;
  }),
  // Everything from the raw rows: after a bulk load that bypassed the triggers (the benchmark's), or to check.
  `CREATE FUNCTION rebuild_aggregates() RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE assignments a SET eligible = ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')}
      WHERE a.eligible IS DISTINCT FROM ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')};
     DELETE FROM contract_month_totals;
     INSERT INTO contract_month_totals (contract_id, month, validated_x100, declared_x100)
     SELECT contract_id, month, coalesce(sum(hours_x100) FILTER (WHERE status = 'validated'), 0), coalesce(sum(hours_x100) FILTER (WHERE status = 'declared'), 0)
       FROM hours_statements WHERE status IN ('validated', 'declared') GROUP BY contract_id, month;
     DELETE FROM assignment_first_months;
     INSERT INTO assignment_first_months (assignment_id, contract_id, person_key, first_month)
     SELECT s.assignment_id, s.contract_id, b.person_key, min(s.month)
       FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
      WHERE s.status = 'validated' GROUP BY s.assignment_id, s.contract_id, b.person_key;
   END $$`,
];

const TRIGGERS = [
  `CREATE TRIGGER aggregates_statements_insert AFTER INSERT ON hours_statements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_statements_insert()`,
  `CREATE TRIGGER aggregates_statements_update AFTER UPDATE ON hours_statements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_statements_update()`,
  `CREATE TRIGGER aggregates_statements_delete AFTER DELETE ON hours_statements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_statements_delete()`,
  `CREATE TRIGGER aggregates_assignment_eligibility BEFORE INSERT OR UPDATE OF beneficiary_id, start_date ON assignments FOR EACH ROW EXECUTE FUNCTION aggregates_assignment_eligibility()`,
  `CREATE TRIGGER aggregates_criteria_insert AFTER INSERT ON eligibility_criteria REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_criteria_insert()`,
  `CREATE TRIGGER aggregates_criteria_update AFTER UPDATE ON eligibility_criteria REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_criteria_update()`,
  `CREATE TRIGGER aggregates_criteria_delete AFTER DELETE ON eligibility_criteria REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_criteria_delete()`,
];

export class Aggregates1795460000000 implements MigrationInterface {
  name = 'Aggregates1795460000000';

  public async up(q: QueryRunner): Promise<void> {
    // The first fill sets the assignments' flags: an audited write, signed as the migration.
    await q.query(`SELECT set_config('clausier.actor', '{"system":"migration"}', true)`);
    await q.query(`ALTER TABLE "assignments" ADD "eligible" boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE TABLE "contract_month_totals" ("contract_id" uuid NOT NULL, "month" date NOT NULL, "validated_x100" bigint NOT NULL DEFAULT '0', "declared_x100" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_contract_month_totals" PRIMARY KEY ("contract_id", "month"))`,
    );
    await q.query(
      `CREATE TABLE "assignment_first_months" ("assignment_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "person_key" character(64) NOT NULL, "first_month" date NOT NULL, CONSTRAINT "PK_assignment_first_months" PRIMARY KEY ("assignment_id"))`,
    );
    await q.query(`CREATE INDEX "assignment_first_months_contract" ON "assignment_first_months" ("contract_id", "first_month")`);
    // The few non-eligible assignments of a contract, summed live by the compliance figures.
    await q.query(`CREATE INDEX "assignments_not_eligible" ON "assignments" ("contract_id") WHERE NOT eligible`);
    await q.query(`ALTER TABLE "contract_month_totals" ADD CONSTRAINT "FK_contract_month_totals_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assignment_first_months" ADD CONSTRAINT "FK_assignment_first_months_assignment" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    for (const f of FUNCTIONS) await q.query(f);
    await q.query(`SELECT rebuild_aggregates()`);
    for (const t of TRIGGERS) await q.query(t);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['aggregates_statements_insert', 'aggregates_statements_update', 'aggregates_statements_delete']) await q.query(`DROP TRIGGER ${t} ON hours_statements`);
    await q.query(`DROP TRIGGER aggregates_assignment_eligibility ON assignments`);
    for (const t of ['aggregates_criteria_insert', 'aggregates_criteria_update', 'aggregates_criteria_delete']) await q.query(`DROP TRIGGER ${t} ON eligibility_criteria`);
    const functions = ['aggregates_statements_insert', 'aggregates_statements_update', 'aggregates_statements_delete', 'aggregates_assignment_eligibility'];
    for (const f of [...functions, 'aggregates_criteria_insert', 'aggregates_criteria_update', 'aggregates_criteria_delete', 'rebuild_aggregates']) {
      await q.query(`DROP FUNCTION ${f}()`);
    }
    await q.query(`DROP TABLE "assignment_first_months"`);
    await q.query(`DROP TABLE "contract_month_totals"`);
    await q.query(`DROP INDEX "assignments_not_eligible"`);
    await q.query(`ALTER TABLE "assignments" DROP COLUMN "eligible"`);
  }
}
