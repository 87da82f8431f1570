import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DOMAIN rule 10, each euro once: what SMEs executed on a contract, confirmed and declared-unconfirmed,
 * in contract_month_activity.sme_confirmed_cents and sme_declared_cents. They summed every payment to an
 * SME, so an SME co-contractor's payment on to its own SME subcontractor counted the same euros twice,
 * and a contract held by an SME counted nothing of what the SME executed itself. Now:
 *
 * - a payment counts when its payee is an SME and its payer is not (the holder, or a co-contractor that
 *   is not an SME): sme_executed_sign() +1;
 * - a holder that is an SME counts the amount invoiced to date (in the confirmed sum: an invoice has no
 *   confirmation), less its payments to non-SME parties (sme_executed_sign() -1, confirmed or declared
 *   by the payments' status: the declared sum is what confirming every declared payment would add);
 * - anything else, an SME paying an SME included, adds nothing.
 *
 * is_sme() and sme_executed_sign() are the rule's one definition in SQL: the triggers, the rebuild and
 * the SME payments summary call them. What a row adds depends on the sizes of the payer, the payee and
 * the holder, and on who holds the contract, as they are now. The triggers keep the sums exact under
 * concurrency as ContractMonthActivity did, with more locks taken in one order (contracts, then
 * organisations, then the rows summed): a payment or an invoice locks its contract FOR SHARE (against a
 * change of holder) and the companies whose size it reads FOR SHARE (against a change of size); a
 * change of size or of holder, holding its own row, then moves what changed with a signed delta.
 *
 * Frozen: every SQL text here is this migration's own copy; down() restores ContractMonthActivity's.
 */

/** The sizes that make a company an SME (SME_SIZES in organisations/organisation.entity.ts; the schema test compares). */
// Plain SQL functions, which PostgreSQL inlines into the queries that call them.
const IS_SME = `CREATE FUNCTION is_sme(size text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(size IN ('micro', 'small', 'medium'), false) $$`;
const SME_EXECUTED_SIGN = `CREATE FUNCTION sme_executed_sign(payer_sme boolean, payee_sme boolean, payer_is_holder boolean) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN payee_sme AND NOT payer_sme THEN 1 WHEN payer_is_holder AND payer_sme AND NOT payee_sme THEN -1 ELSE 0 END $$`;
const COMMENTS = [
  `COMMENT ON FUNCTION is_sme(text) IS 'A company size that makes it an SME (micro, small, medium)'`,
  `COMMENT ON FUNCTION sme_executed_sign(boolean, boolean, boolean) IS 'DOMAIN rule 10: +1 when a payment counts as executed by an SME, -1 when an SME holder pays a non-SME, else 0'`,
];

const SUMS = ['contract_hours_x100', 'invoiced_cents', 'sme_confirmed_cents', 'sme_declared_cents'] as const;
type Sum = (typeof SUMS)[number];

/** Adds `select`'s (contract_id, month, ...columns) to the rows, in key order, skipping contracts being deleted (as ContractMonthActivity). */
const UPSERT = (columns: Sum[], select: string) => `
  INSERT INTO contract_month_activity AS a (contract_id, month, ${columns.join(', ')})
  SELECT * FROM (${select}) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET ${columns.map((c) => `${c} = a.${c} + excluded.${c}`).join(', ')}`;

const rows = (table: 'new_rows' | 'old_rows', columns: string) => `SELECT ${columns}, ${table === 'new_rows' ? 1 : -1} AS sign FROM ${table}`;
const EVENTS = {
  insert: (columns: string) => rows('new_rows', columns),
  update: (columns: string) => `${rows('new_rows', columns)} UNION ALL ${rows('old_rows', columns)}`,
  delete: (columns: string) => rows('old_rows', columns),
};
type Event = keyof typeof EVENTS;

/** `v` of each row of `moved` (contract_id, month, status, v) into the SME sums, confirmed and declared apart; rows adding nothing skipped. */
const SME_SUMS = (moved: string) =>
  UPSERT(
    ['sme_confirmed_cents', 'sme_declared_cents'],
    `SELECT m.contract_id, m.month,
            coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) AS confirmed, coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) AS declared
       FROM (${moved}) m
      WHERE m.status IN ('confirmed', 'declared')
      GROUP BY m.contract_id, m.month
     HAVING coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) <> 0 OR coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) <> 0`,
  );

/** What a payment row `p` of contract `k` adds, by its payer's and payee's sizes now. */
const PAYMENT_PART = (p: string, k: string) => `${p}.amount_cents * sme_executed_sign(is_sme(payer.size), is_sme(payee.size), ${p}.payer_id = ${k}.holder_id)`;

/** Locks, in the order every writer takes them: the contracts of `changes`, then the companies `companies` (a SELECT of ids). */
const LOCKS = (changes: string, companies: string) => `
     PERFORM 1 FROM contracts WHERE id IN (SELECT contract_id FROM (${changes}) c) ORDER BY id FOR SHARE;
     PERFORM 1 FROM organisations WHERE id IN (${companies}) ORDER BY id FOR SHARE`;

const PAYMENT_COLUMNS = 'contract_id, month, status, amount_cents, payer_id, payee_id';
const paymentsBody = (e: Event) => {
  const changes = EVENTS[e](PAYMENT_COLUMNS);
  return `${LOCKS(changes, `SELECT payer_id FROM (${changes}) c UNION SELECT payee_id FROM (${changes}) c`)};
     ${SME_SUMS(`SELECT c.contract_id, c.month, c.status, c.sign * ${PAYMENT_PART('c', 'k')} AS v
                   FROM (${changes}) c JOIN contracts k ON k.id = c.contract_id
                   JOIN organisations payer ON payer.id = c.payer_id JOIN organisations payee ON payee.id = c.payee_id`)}`;
};

const INVOICE_COLUMNS = 'contract_id, month, amount_cents';
const invoicedBody = (e: Event) => {
  const changes = EVENTS[e](INVOICE_COLUMNS);
  return `${LOCKS(changes, `SELECT holder_id FROM contracts WHERE id IN (SELECT contract_id FROM (${changes}) c)`)};
     ${UPSERT(
       ['invoiced_cents', 'sme_confirmed_cents'],
       `SELECT c.contract_id, c.month, sum(c.sign * c.amount_cents), coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE is_sme(holder.size)), 0)
          FROM (${changes}) c JOIN contracts k ON k.id = c.contract_id JOIN organisations holder ON holder.id = k.holder_id
         GROUP BY c.contract_id, c.month`,
     )}`;
};

/**
 * A change of size of companies: every payment they pay or receive, and the invoices of the contracts
 * they hold, move by (what they add now − what they added before). Before, a company changed in this
 * statement had its old row's size, any other its size now: two companies changed at once move the
 * payments between them once. Rare (an admin's correction), hence the test first.
 */
const SIZE_FOLLOW = `CREATE FUNCTION activity_company_size() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE is_sme(n.size) <> is_sme(o.size)) THEN
       RETURN NULL;
     END IF;
     ${SME_SUMS(`
       WITH changed AS (SELECT n.id, is_sme(o.size) AS was FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE is_sme(n.size) <> is_sme(o.size))
       SELECT p.contract_id, p.month, p.status,
              ${PAYMENT_PART('p', 'k')}
              - p.amount_cents * sme_executed_sign(coalesce(cpayer.was, is_sme(payer.size)), coalesce(cpayee.was, is_sme(payee.size)), p.payer_id = k.holder_id) AS v
         FROM payments p JOIN contracts k ON k.id = p.contract_id
         JOIN organisations payer ON payer.id = p.payer_id JOIN organisations payee ON payee.id = p.payee_id
         LEFT JOIN changed cpayer ON cpayer.id = p.payer_id LEFT JOIN changed cpayee ON cpayee.id = p.payee_id
        WHERE cpayer.id IS NOT NULL OR cpayee.id IS NOT NULL
       UNION ALL
       SELECT i.contract_id, i.month, 'confirmed', i.amount_cents * (CASE WHEN ch.was THEN -1 ELSE 1 END)
         FROM changed ch JOIN contracts k ON k.holder_id = ch.id JOIN contract_invoiced_amounts i ON i.contract_id = k.id`)};
     RETURN NULL;
   END $$`;

/**
 * A contract's holder changed (by hand: no route does it): its invoices count by the new holder's size,
 * its payments by who holds it now. The companies whose size this reads are locked first, as every
 * writer does; the contract row is held by the change itself, which payments and invoices wait for.
 */
const HOLDER_FOLLOW = `CREATE FUNCTION activity_contract_holder() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM 1 FROM organisations
      WHERE id IN (OLD.holder_id, NEW.holder_id) OR id IN (SELECT payer_id FROM payments WHERE contract_id = NEW.id UNION SELECT payee_id FROM payments WHERE contract_id = NEW.id)
      ORDER BY id FOR SHARE;
     ${SME_SUMS(`
       SELECT p.contract_id, p.month, p.status,
              p.amount_cents * (sme_executed_sign(is_sme(payer.size), is_sme(payee.size), p.payer_id = NEW.holder_id)
                                - sme_executed_sign(is_sme(payer.size), is_sme(payee.size), p.payer_id = OLD.holder_id)) AS v
         FROM payments p JOIN organisations payer ON payer.id = p.payer_id JOIN organisations payee ON payee.id = p.payee_id
        WHERE p.contract_id = NEW.id
       UNION ALL
       SELECT i.contract_id, i.month, 'confirmed', i.amount_cents * (is_sme(nh.size)::int - is_sme(oh.size)::int)
         FROM contract_invoiced_amounts i, organisations nh, organisations oh
        WHERE i.contract_id = NEW.id AND nh.id = NEW.holder_id AND oh.id = OLD.holder_id`)};
     RETURN NULL;
   END $$`;

/** contract_month_activity from the raw rows, by the rule above. */
const REBUILD_ACTIVITY = `
     DELETE FROM contract_month_activity;
     INSERT INTO contract_month_activity (contract_id, month, ${SUMS.join(', ')})
     SELECT contract_id, month, sum(hours), sum(invoiced), sum(confirmed), sum(declared) FROM (
       SELECT contract_id, month, hours_x100 AS hours, 0 AS invoiced, 0 AS confirmed, 0 AS declared FROM contract_monthly_hours
       UNION ALL SELECT i.contract_id, i.month, 0, i.amount_cents, CASE WHEN is_sme(holder.size) THEN i.amount_cents ELSE 0 END, 0
                   FROM contract_invoiced_amounts i JOIN contracts k ON k.id = i.contract_id JOIN organisations holder ON holder.id = k.holder_id
       UNION ALL SELECT p.contract_id, p.month, 0, 0, CASE WHEN p.status = 'confirmed' THEN ${PAYMENT_PART('p', 'k')} ELSE 0 END,
                        CASE WHEN p.status = 'declared' THEN ${PAYMENT_PART('p', 'k')} ELSE 0 END
                   FROM payments p JOIN contracts k ON k.id = p.contract_id
                   JOIN organisations payer ON payer.id = p.payer_id JOIN organisations payee ON payee.id = p.payee_id
                  WHERE p.status IN ('confirmed', 'declared')
     ) x GROUP BY contract_id, month;`;

// What ContractMonthActivity defined, restored by down().
const SME = `('micro', 'small', 'medium')`;
const PREVIOUS_PAYMENTS_SUM = (changes: string) =>
  UPSERT(
    ['sme_confirmed_cents', 'sme_declared_cents'],
    `SELECT c.contract_id, c.month,
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'confirmed'), 0),
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'declared'), 0)
       FROM (${changes}) c
      WHERE c.status IN ('confirmed', 'declared')
      GROUP BY c.contract_id, c.month`,
  );
const previousPaymentsBody = (e: Event) => {
  const changes = EVENTS[e]('contract_id, month, status, amount_cents, payee_id');
  return `PERFORM 1 FROM organisations WHERE id IN (SELECT payee_id FROM (${changes}) p) ORDER BY id FOR SHARE;
     ${PREVIOUS_PAYMENTS_SUM(`SELECT c.* FROM (${changes}) c JOIN organisations payee ON payee.id = c.payee_id AND payee.size IN ${SME}`)}`;
};
const previousInvoicedBody = (e: Event) =>
  UPSERT(['invoiced_cents'], `SELECT c.contract_id, c.month, sum(c.sign * c.amount_cents) AS v FROM (${EVENTS[e](INVOICE_COLUMNS)}) c GROUP BY c.contract_id, c.month`);
const previousIsSme = (row: string) => `coalesce(${row}.size IN ${SME}, false)`;
const PREVIOUS_SIZE_CHANGED = `${previousIsSme('n')} <> ${previousIsSme('o')}`;
const PREVIOUS_SIZE_FOLLOW = `CREATE FUNCTION activity_payee_size() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${PREVIOUS_SIZE_CHANGED}) THEN
       ${PREVIOUS_PAYMENTS_SUM(`
         SELECT p.contract_id, p.month, p.status, p.amount_cents, CASE WHEN ${previousIsSme('n')} THEN 1 ELSE -1 END AS sign
           FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN payments p ON p.payee_id = n.id
          WHERE ${PREVIOUS_SIZE_CHANGED}`)};
     END IF;
     RETURN NULL;
   END $$`;
const PREVIOUS_REBUILD_ACTIVITY = `
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

const triggerFunction = (name: string, body: string) => `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${body};
     RETURN NULL;
   END $$`;
const rebuild = (body: string) => `CREATE OR REPLACE FUNCTION rebuild_activity_aggregates() RETURNS void LANGUAGE plpgsql AS $$
   BEGIN${body}
   END $$`;

export class SmeShareOnce1795471100000 implements MigrationInterface {
  name = 'SmeShareOnce1795471100000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [IS_SME, SME_EXECUTED_SIGN, ...COMMENTS]) await q.query(sql);
    for (const e of Object.keys(EVENTS) as Event[]) {
      await q.query(triggerFunction(`activity_payments_${e}`, paymentsBody(e)));
      await q.query(triggerFunction(`activity_invoiced_${e}`, invoicedBody(e)));
    }
    await q.query(`DROP TRIGGER activity_payee_size ON organisations`);
    await q.query(`DROP FUNCTION activity_payee_size()`);
    await q.query(SIZE_FOLLOW);
    await q.query(
      `CREATE TRIGGER activity_company_size AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_company_size()`,
    );
    await q.query(HOLDER_FOLLOW);
    await q.query(
      `CREATE TRIGGER activity_contract_holder AFTER UPDATE OF holder_id ON contracts FOR EACH ROW WHEN (OLD.holder_id IS DISTINCT FROM NEW.holder_id) EXECUTE FUNCTION activity_contract_holder()`,
    );
    await q.query(rebuild(REBUILD_ACTIVITY));
    await q.query(`SELECT rebuild_activity_aggregates()`);
    await q.query(`ANALYZE contract_month_activity`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(rebuild(PREVIOUS_REBUILD_ACTIVITY));
    await q.query(`DROP TRIGGER activity_contract_holder ON contracts`);
    await q.query(`DROP FUNCTION activity_contract_holder()`);
    await q.query(`DROP TRIGGER activity_company_size ON organisations`);
    await q.query(`DROP FUNCTION activity_company_size()`);
    await q.query(PREVIOUS_SIZE_FOLLOW);
    await q.query(
      `CREATE TRIGGER activity_payee_size AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_payee_size()`,
    );
    for (const e of Object.keys(EVENTS) as Event[]) {
      await q.query(triggerFunction(`activity_payments_${e}`, previousPaymentsBody(e)));
      await q.query(triggerFunction(`activity_invoiced_${e}`, previousInvoicedBody(e)));
    }
    await q.query(`DROP FUNCTION sme_executed_sign(boolean, boolean, boolean)`);
    await q.query(`DROP FUNCTION is_sme(text)`);
    await q.query(`SELECT rebuild_activity_aggregates()`);
  }
}
