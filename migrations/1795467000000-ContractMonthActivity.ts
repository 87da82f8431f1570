import { MigrationInterface, QueryRunner } from 'typeorm';
import { FUNCTIONS as PROFILE_FUNCTIONS } from './1795464000000-AssignmentProfiles';

/**
 * What a contract's holder and its partners declared for a month, pre-summed in one row per contract
 * and month: the contract's total hours, the amount invoiced, and the payments to SME co-contractors
 * and subcontractors, confirmed and declared (DOMAIN rules 3 and 10). The compliance figures of a
 * scope read them with one probe per contract instead of three (contract_monthly_hours,
 * contract_invoiced_amounts, and every payment of the contract joined to its payee's size, where all
 * the country's SME payments were hashed for a region). Île-de-France's sums, that change alone, in
 * psql: bench scale 1 (14,914 contracts) 310,000 → 163,000 buffers, ~0.64 → ~0.51 s; scale 4 (59,913)
 * 1.45 → 0.86 million buffers, ~3.0 → ~2.35 s. The reports' sums, department by department, are the
 * same query. Filling the table here took 33 s at bench scale 4 (2.5 million payments), the source
 * tables' writers waiting meanwhile for the triggers' creation.
 *
 * Apart from contract_month_totals on purpose: its rows are written by every hours statement, these by
 * the holder's monthly figures and the payments; one row for both would make those writers wait on
 * each other for nothing.
 *
 * Kept by statement triggers adding each change with its sign, in the writer's transaction (the same
 * commutative upsert as the hours totals, in (contract, month) order). Whether a payee is an SME is
 * its size now, as the compliance sums always read it: a payment's trigger locks its payees FOR SHARE
 * before reading their size, and a change of size (FOR NO KEY UPDATE on the organisation) moves that
 * payee's payments between "SME" and not; the two locks conflict, so whichever commits second sees
 * the other's work. aggregates.e2e-spec compares the table with the raw rows after each kind of write.
 * Lock order: payees, then rows here in key order. Every write the service makes to these tables is one
 * statement in its own transaction; a future batch writing monthly figures and then payments in one
 * transaction could deadlock with a change of size (PostgreSQL detects it, inTransaction retries it).
 */

/** SME_SIZES (organisations/organisation.entity.ts) as this migration counts them. */
const SME = `('micro', 'small', 'medium')`;
const SUMS = ['contract_hours_x100', 'invoiced_cents', 'sme_confirmed_cents', 'sme_declared_cents'] as const;
type Sum = (typeof SUMS)[number];

/**
 * Adds `select`'s (contract_id, month, ...columns) to the rows, in key order. Rows of a contract being
 * deleted are skipped: its monthly figures go by cascade, and so does its row here.
 */
const UPSERT = (columns: Sum[], select: string) => `
  INSERT INTO contract_month_activity AS a (contract_id, month, ${columns.join(', ')})
  SELECT * FROM (${select}) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET ${columns.map((c) => `${c} = a.${c} + excluded.${c}`).join(', ')}`;

/** The holder's monthly hours or invoiced amount, `value` of each row of `changes` with its `sign`. */
const MONTHLY_SUM = (column: Sum, value: string, changes: string) =>
  UPSERT([column], `SELECT c.contract_id, c.month, sum(c.sign * c.${value}) AS v FROM (${changes}) c GROUP BY c.contract_id, c.month`);

/** Payments among `changes` (with a sign), confirmed and declared apart (a disputed one counts in neither). */
const PAYMENTS_SUM = (changes: string) =>
  UPSERT(
    ['sme_confirmed_cents', 'sme_declared_cents'],
    `SELECT c.contract_id, c.month,
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'confirmed'), 0),
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'declared'), 0)
       FROM (${changes}) c
      WHERE c.status IN ('confirmed', 'declared')
      GROUP BY c.contract_id, c.month`,
  );

/** The same for the payments to SMEs only, by their payee's size now. */
const SME_PAYMENTS_SUM = (changes: string) => PAYMENTS_SUM(`SELECT c.* FROM (${changes}) c JOIN organisations payee ON payee.id = c.payee_id AND payee.size IN ${SME}`);

const rows = (table: 'new_rows' | 'old_rows', columns: string) => `SELECT ${columns}, ${table === 'new_rows' ? 1 : -1} AS sign FROM ${table}`;
const EVENTS = {
  insert: (columns: string) => rows('new_rows', columns),
  update: (columns: string) => `${rows('new_rows', columns)} UNION ALL ${rows('old_rows', columns)}`,
  delete: (columns: string) => rows('old_rows', columns),
};
const TRANSITIONS = { insert: 'NEW TABLE AS new_rows', update: 'OLD TABLE AS old_rows NEW TABLE AS new_rows', delete: 'OLD TABLE AS old_rows' };
type Event = keyof typeof EVENTS;

/** The tables whose changes the triggers add, with what each adds. */
const SOURCES: { table: string; fn: string; body: (event: Event) => string }[] = [
  { table: 'contract_monthly_hours', fn: 'activity_monthly_hours', body: (e) => MONTHLY_SUM('contract_hours_x100', 'hours_x100', EVENTS[e]('contract_id, month, hours_x100')) },
  { table: 'contract_invoiced_amounts', fn: 'activity_invoiced', body: (e) => MONTHLY_SUM('invoiced_cents', 'amount_cents', EVENTS[e]('contract_id, month, amount_cents')) },
  {
    table: 'payments',
    fn: 'activity_payments',
    body: (e) => {
      const changes = EVENTS[e]('contract_id, month, status, amount_cents, payee_id');
      // Against a change of the payees' size committed meanwhile (see above), in id order.
      return `PERFORM 1 FROM organisations WHERE id IN (SELECT payee_id FROM (${changes}) p) ORDER BY id FOR SHARE;
     ${SME_PAYMENTS_SUM(changes)}`;
    },
  },
];

/**
 * A company that becomes an SME, or stops being one: all its payments move in or out of the SME sums.
 * Rare (an admin's correction), hence the test first: most updates of an organisation change no size.
 * An organisation that is not a company has no size (NULL): isSme is then false, not NULL, or a change
 * from `large` to NULL would count as leaving the SMEs.
 */
const isSme = (row: string) => `coalesce(${row}.size IN ${SME}, false)`;
const SIZE_CHANGED = `${isSme('n')} <> ${isSme('o')}`;
const SIZE_FOLLOW = `CREATE FUNCTION activity_payee_size() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${SIZE_CHANGED}) THEN
       ${PAYMENTS_SUM(`
         SELECT p.contract_id, p.month, p.status, p.amount_cents, CASE WHEN ${isSme('n')} THEN 1 ELSE -1 END AS sign
           FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN payments p ON p.payee_id = n.id
          WHERE ${SIZE_CHANGED}`)};
     END IF;
     RETURN NULL;
   END $$`;

/** Everything above from the raw rows, as rebuild_aggregates() does for the other aggregates. */
const REBUILD = `
     DELETE FROM contract_month_activity;
     INSERT INTO contract_month_activity (contract_id, month, ${SUMS.join(', ')})
     SELECT contract_id, month, sum(hours), sum(invoiced), sum(confirmed), sum(declared) FROM (
       SELECT contract_id, month, hours_x100 AS hours, 0 AS invoiced, 0 AS confirmed, 0 AS declared FROM contract_monthly_hours
       UNION ALL SELECT contract_id, month, 0, amount_cents, 0, 0 FROM contract_invoiced_amounts
       UNION ALL SELECT p.contract_id, p.month, 0, 0, CASE WHEN p.status = 'confirmed' THEN p.amount_cents ELSE 0 END,
                        CASE WHEN p.status = 'declared' THEN p.amount_cents ELSE 0 END
                   FROM payments p JOIN organisations payee ON payee.id = p.payee_id AND payee.size IN ${SME}
                  WHERE p.status IN ('confirmed', 'declared')
     ) x GROUP BY contract_id, month;`;

/** rebuild_aggregates() as AssignmentProfiles defined it, and the same with this table rebuilt too. */
const PREVIOUS_REBUILD = PROFILE_FUNCTIONS.find((f) => f.includes('FUNCTION rebuild_aggregates()'))!;
const END = /END \$\$$/;
if (!END.test(PREVIOUS_REBUILD)) throw new Error('rebuild_aggregates() of AssignmentProfiles no longer ends as expected');
// A function, not a string: in a replacement string `$$` would stand for one `$`.
const REBUILD_ALL = PREVIOUS_REBUILD.replace(END, () => `${REBUILD}\n   END $$`);

export class ContractMonthActivity1795467000000 implements MigrationInterface {
  name = 'ContractMonthActivity1795467000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "contract_month_activity" ("contract_id" uuid NOT NULL, "month" date NOT NULL,
         ${SUMS.map((c) => `"${c}" bigint NOT NULL DEFAULT '0'`).join(', ')},
         CONSTRAINT "PK_contract_month_activity" PRIMARY KEY ("contract_id", "month") INCLUDE (${SUMS.join(', ')}))`,
    );
    await q.query(
      `ALTER TABLE "contract_month_activity" ADD CONSTRAINT "FK_contract_month_activity_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    for (const s of SOURCES) {
      for (const event of Object.keys(EVENTS) as Event[]) {
        await q.query(`CREATE FUNCTION ${s.fn}_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${s.body(event)};
     RETURN NULL;
   END $$`);
        await q.query(
          `CREATE TRIGGER ${s.fn}_${event} AFTER ${event.toUpperCase()} ON ${s.table} REFERENCING ${TRANSITIONS[event]} FOR EACH STATEMENT EXECUTE FUNCTION ${s.fn}_${event}()`,
        );
      }
    }
    await q.query(SIZE_FOLLOW);
    await q.query(
      `CREATE TRIGGER activity_payee_size AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_payee_size()`,
    );
    await q.query(REBUILD_ALL);
    await q.query(`DO $$ BEGIN ${REBUILD} END $$`);
    // Statistics now, so that the first compliance page after the migration is planned on them.
    await q.query(`ANALYZE contract_month_activity`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PREVIOUS_REBUILD);
    await q.query(`DROP TRIGGER activity_payee_size ON organisations`);
    await q.query(`DROP FUNCTION activity_payee_size()`);
    for (const s of SOURCES) {
      for (const event of Object.keys(EVENTS)) {
        await q.query(`DROP TRIGGER ${s.fn}_${event} ON ${s.table}`);
        await q.query(`DROP FUNCTION ${s.fn}_${event}()`);
      }
    }
    await q.query(`DROP TABLE "contract_month_activity"`);
  }
}
