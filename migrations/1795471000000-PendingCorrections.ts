import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DOMAIN rule 3: a declared correction of a validated statement counts in *pending* by its difference
 * with the hours it would replace (negative when it lowers them), so realised + pending is what
 * realised becomes once everything awaiting a decision is validated. It counted its own hours in full,
 * while the hours it replaces still count as realised until it is validated.
 *
 * contract_month_totals.declared_x100 is the pending sum: the statement triggers now add, for a
 * declared row, its hours less those of the statement it supersedes. The deltas stay commutative: a
 * correction validated moves (new − old) from pending to validated (the replaced statement's own
 * update removes old from validated), a correction rejected removes (new − old) from pending. A
 * statement's hours are never edited in place, so the replaced hours read at each event are the same.
 *
 * rebuild_aggregates() is split in two, the statements' part and the holder figures' part
 * (contract_month_activity), so that a later migration may replace one without copying the other.
 *
 * Frozen: every SQL text here is this migration's own copy (the triggers as AssignmentProfiles left
 * them, with the pending sum changed), nothing is imported.
 */

/** The criteria of assignment `a` valid on its start date, sorted (DOMAIN rule 5). */
const criteriaAtStart = (a: string) =>
  `ARRAY(SELECT DISTINCT elig_c.criterion FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = ${a}.beneficiary_id AND elig_c.validated_on <= ${a}.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= ${a}.start_date) ORDER BY 1)`;
/** Whether assignment `a` is eligible (DOMAIN rule 5). */
const eligibleAtStart = (a: string) =>
  `EXISTS (SELECT 1 FROM eligibility_criteria elig_c WHERE elig_c.beneficiary_id = ${a}.beneficiary_id AND elig_c.validated_on <= ${a}.start_date AND (elig_c.valid_until IS NULL OR elig_c.valid_until >= ${a}.start_date))`;

const PROFILE_COLUMNS = 'start_date, modality, exit_outcome, sex, birth_year, qpv_resident, criteria';
const profileOf = (a: string, b: string) => `${a}.start_date, ${a}.modality, ${a}.exit_outcome, ${b}.sex, ${b}.birth_year, ${b}.qpv_resident, ${criteriaAtStart(a)}`;
const SET_PROFILE = `start_date = excluded.start_date, modality = excluded.modality, exit_outcome = excluded.exit_outcome, sex = excluded.sex,
  birth_year = excluded.birth_year, qpv_resident = excluded.qpv_resident, criteria = excluded.criteria`;

const LOCK_ASSIGNMENTS = (rows: string) => `PERFORM 1 FROM assignments WHERE id IN (SELECT assignment_id FROM ${rows} WHERE status = 'validated') ORDER BY id FOR SHARE`;

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

/** How a declared statement counts in the pending sum: its hours (before), or its difference with the statement it corrects (rule 3). */
type Pending = 'hours' | 'difference';

/**
 * Sums of the changed statements per contract and month, with their sign. `replaced` is where the
 * hours of a corrected statement are read: the table, plus the deleted rows on a delete (a correction
 * and the statement it corrects may go in one statement).
 */
const TOTALS_UPSERT = (changes: string, pending: Pending, replaced = 'hours_statements') => `
  INSERT INTO contract_month_totals AS t (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
  SELECT c.contract_id, c.month,
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated'), 0),
         coalesce(sum(c.sign * ${pending === 'difference' ? '(c.hours_x100 - coalesce(replaced.hours_x100, 0))' : 'c.hours_x100'}) FILTER (WHERE c.status = 'declared'), 0),
         coalesce(sum(c.sign * c.hours_x100) FILTER (WHERE c.status = 'validated' AND NOT a.eligible), 0)
    FROM (${changes}) c JOIN assignments a ON a.id = c.assignment_id${
      pending === 'difference' ? `\n    LEFT JOIN (SELECT id, hours_x100 FROM ${replaced}) replaced ON replaced.id = c.supersedes_id AND c.status = 'declared'` : ''
    }
   WHERE c.status IN ('validated', 'declared')
   GROUP BY c.contract_id, c.month
   ORDER BY c.contract_id, c.month
  ON CONFLICT (contract_id, month) DO UPDATE
     SET validated_x100 = t.validated_x100 + excluded.validated_x100, declared_x100 = t.declared_x100 + excluded.declared_x100,
         not_eligible_x100 = t.not_eligible_x100 + excluded.not_eligible_x100`;

const rowsOf = (table: 'new_rows' | 'old_rows', pending: Pending) =>
  `SELECT contract_id, month, status, hours_x100, ${table === 'new_rows' ? 1 : -1} AS sign, assignment_id${pending === 'difference' ? ', supersedes_id' : ''} FROM ${table}`;

function statementTriggers(pending: Pending): string[] {
  const [newRows, oldRows] = [rowsOf('new_rows', pending), rowsOf('old_rows', pending)];
  return [
    `CREATE OR REPLACE FUNCTION aggregates_statements_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     -- A declaration (what the API's POST writes) has no validated hours: no lock, no first month to look at.
     IF NOT EXISTS (SELECT 1 FROM new_rows WHERE status = 'validated') THEN
       ${TOTALS_UPSERT(newRows, pending)};
       RETURN NULL;
     END IF;
     ${LOCK_ASSIGNMENTS('new_rows')};
     ${TOTALS_UPSERT(newRows, pending)};
     ${FIRST_MONTHS_UPSERT('new_rows')};
     RETURN NULL;
   END $$`,
    `CREATE OR REPLACE FUNCTION aggregates_statements_update() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${LOCK_ASSIGNMENTS('(SELECT assignment_id, status FROM new_rows UNION ALL SELECT assignment_id, status FROM old_rows) changed')};
     ${TOTALS_UPSERT(`${newRows} UNION ALL ${oldRows}`, pending)};
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
     ${TOTALS_UPSERT(oldRows, pending, 'hours_statements UNION ALL SELECT id, hours_x100 FROM old_rows')};
     ${FIRST_MONTHS_REFRESH(`SELECT o.assignment_id FROM old_rows o WHERE o.status = 'validated'`)};
     RETURN NULL;
   END $$`,
  ];
}

/** The statements' aggregates and the assignments' flags from the raw rows. */
const REBUILD_HOURS = (pending: Pending) => `
     UPDATE assignments a SET eligible = ${eligibleAtStart('a')}
      WHERE a.eligible IS DISTINCT FROM ${eligibleAtStart('a')};
     DELETE FROM contract_month_totals;
     INSERT INTO contract_month_totals (contract_id, month, validated_x100, declared_x100, not_eligible_x100)
     SELECT s.contract_id, s.month, coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated'), 0),
            coalesce(sum(${pending === 'difference' ? 's.hours_x100 - coalesce(replaced.hours_x100, 0)' : 's.hours_x100'}) FILTER (WHERE s.status = 'declared'), 0),
            coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated' AND NOT a.eligible), 0)
       FROM hours_statements s JOIN assignments a ON a.id = s.assignment_id${
         pending === 'difference' ? `\n       LEFT JOIN hours_statements replaced ON replaced.id = s.supersedes_id AND s.status = 'declared'` : ''
       }
      WHERE s.status IN ('validated', 'declared') GROUP BY s.contract_id, s.month;
     DELETE FROM assignment_first_months;
     INSERT INTO assignment_first_months (assignment_id, contract_id, person_key, first_month, eligible, ${PROFILE_COLUMNS})
     SELECT a.id, a.contract_id, b.person_key, m.first_month, a.eligible, ${profileOf('a', 'b')}
       FROM (SELECT assignment_id, min(month) AS first_month FROM hours_statements WHERE status = 'validated' GROUP BY assignment_id) m
       JOIN assignments a ON a.id = m.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id;`;

/** contract_month_activity from the raw rows, as ContractMonthActivity defined it. */
const REBUILD_ACTIVITY = `
     DELETE FROM contract_month_activity;
     INSERT INTO contract_month_activity (contract_id, month, contract_hours_x100, invoiced_cents, sme_confirmed_cents, sme_declared_cents)
     SELECT contract_id, month, sum(hours), sum(invoiced), sum(confirmed), sum(declared) FROM (
       SELECT contract_id, month, hours_x100 AS hours, 0 AS invoiced, 0 AS confirmed, 0 AS declared FROM contract_monthly_hours
       UNION ALL SELECT contract_id, month, 0, amount_cents, 0, 0 FROM contract_invoiced_amounts
       UNION ALL SELECT p.contract_id, p.month, 0, 0, CASE WHEN p.status = 'confirmed' THEN p.amount_cents ELSE 0 END,
                        CASE WHEN p.status = 'declared' THEN p.amount_cents ELSE 0 END
                   FROM payments p JOIN organisations payee ON payee.id = p.payee_id AND payee.size IN ('micro', 'small', 'medium')
                  WHERE p.status IN ('confirmed', 'declared')
     ) x GROUP BY contract_id, month;`;

const fn = (name: string, body: string) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS void LANGUAGE plpgsql AS $$
   BEGIN${body}
   END $$`;

/** Corrections awaiting a decision: their replaced hours per contract and month. */
const REPLACED_BY_PENDING = `
  SELECT s.contract_id, s.month, sum(r.hours_x100) AS hours
    FROM hours_statements s JOIN hours_statements r ON r.id = s.supersedes_id
   WHERE s.status = 'declared' GROUP BY s.contract_id, s.month`;

export class PendingCorrections1795471000000 implements MigrationInterface {
  name = 'PendingCorrections1795471000000';

  async up(q: QueryRunner): Promise<void> {
    for (const f of statementTriggers('difference')) await q.query(f);
    await q.query(`UPDATE contract_month_totals t SET declared_x100 = t.declared_x100 - x.hours FROM (${REPLACED_BY_PENDING}) x WHERE t.contract_id = x.contract_id AND t.month = x.month`);
    await q.query(fn('rebuild_hours_aggregates', REBUILD_HOURS('difference')));
    await q.query(fn('rebuild_activity_aggregates', REBUILD_ACTIVITY));
    await q.query(fn('rebuild_aggregates', `\n     PERFORM rebuild_hours_aggregates();\n     PERFORM rebuild_activity_aggregates();`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(fn('rebuild_aggregates', `${REBUILD_HOURS('hours')}\n   ${REBUILD_ACTIVITY}`));
    await q.query(`DROP FUNCTION rebuild_activity_aggregates()`);
    await q.query(`DROP FUNCTION rebuild_hours_aggregates()`);
    for (const f of statementTriggers('hours')) await q.query(f);
    await q.query(`UPDATE contract_month_totals t SET declared_x100 = t.declared_x100 + x.hours FROM (${REPLACED_BY_PENDING}) x WHERE t.contract_id = x.contract_id AND t.month = x.month`);
  }
}
