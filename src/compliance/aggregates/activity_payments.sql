-- Payments -> what SMEs executed, contract_month_activity.sme_confirmed_cents and sme_declared_cents
-- (DOMAIN rule 10, each euro once; a disputed payment counts in neither): each payment adds its amount
-- times sme_executed_sign() (src/compliance/rules/sme_share.sql) of its payer's and payee's sizes now
-- and of whether its payer holds the contract. Locks first, in every writer's order: the contracts
-- FOR SHARE (against a change of holder, activity_contract_holder), then the payers and payees FOR
-- SHARE (against a change of size, activity_company_size), then the sums by contract and month.
-- History: migrations ContractMonthActivity, SmeShareOnce.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.activity_payments_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
     PERFORM 1 FROM contracts WHERE id IN (SELECT contract_id FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, -1 AS sign FROM old_rows) c) ORDER BY id FOR SHARE;
     PERFORM 1 FROM organisations WHERE id IN (SELECT payer_id FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, -1 AS sign FROM old_rows) c UNION SELECT payee_id FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, -1 AS sign FROM old_rows) c) ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, sme_confirmed_cents, sme_declared_cents)
  SELECT * FROM (SELECT m.contract_id, m.month,
            coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) AS confirmed, coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) AS declared
       FROM (SELECT c.contract_id, c.month, c.status, c.sign * c.amount_cents * sme_executed_sign(is_sme(payer.size), is_sme(payee.size), c.payer_id = k.holder_id) AS v
                   FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, -1 AS sign FROM old_rows) c JOIN contracts k ON k.id = c.contract_id
                   JOIN organisations payer ON payer.id = c.payer_id JOIN organisations payee ON payee.id = c.payee_id) m
      WHERE m.status IN ('confirmed', 'declared')
      GROUP BY m.contract_id, m.month
     HAVING coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) <> 0 OR coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) <> 0) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents, sme_declared_cents = a.sme_declared_cents + excluded.sme_declared_cents;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_payments_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
     PERFORM 1 FROM contracts WHERE id IN (SELECT contract_id FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, 1 AS sign FROM new_rows) c) ORDER BY id FOR SHARE;
     PERFORM 1 FROM organisations WHERE id IN (SELECT payer_id FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, 1 AS sign FROM new_rows) c UNION SELECT payee_id FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, 1 AS sign FROM new_rows) c) ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, sme_confirmed_cents, sme_declared_cents)
  SELECT * FROM (SELECT m.contract_id, m.month,
            coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) AS confirmed, coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) AS declared
       FROM (SELECT c.contract_id, c.month, c.status, c.sign * c.amount_cents * sme_executed_sign(is_sme(payer.size), is_sme(payee.size), c.payer_id = k.holder_id) AS v
                   FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, 1 AS sign FROM new_rows) c JOIN contracts k ON k.id = c.contract_id
                   JOIN organisations payer ON payer.id = c.payer_id JOIN organisations payee ON payee.id = c.payee_id) m
      WHERE m.status IN ('confirmed', 'declared')
      GROUP BY m.contract_id, m.month
     HAVING coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) <> 0 OR coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) <> 0) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents, sme_declared_cents = a.sme_declared_cents + excluded.sme_declared_cents;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_payments_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
     PERFORM 1 FROM contracts WHERE id IN (SELECT contract_id FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, status, amount_cents, payer_id, payee_id, -1 AS sign FROM old_rows) c) ORDER BY id FOR SHARE;
     PERFORM 1 FROM organisations WHERE id IN (SELECT payer_id FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, status, amount_cents, payer_id, payee_id, -1 AS sign FROM old_rows) c UNION SELECT payee_id FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, status, amount_cents, payer_id, payee_id, -1 AS sign FROM old_rows) c) ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, sme_confirmed_cents, sme_declared_cents)
  SELECT * FROM (SELECT m.contract_id, m.month,
            coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) AS confirmed, coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) AS declared
       FROM (SELECT c.contract_id, c.month, c.status, c.sign * c.amount_cents * sme_executed_sign(is_sme(payer.size), is_sme(payee.size), c.payer_id = k.holder_id) AS v
                   FROM (SELECT contract_id, month, status, amount_cents, payer_id, payee_id, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, status, amount_cents, payer_id, payee_id, -1 AS sign FROM old_rows) c JOIN contracts k ON k.id = c.contract_id
                   JOIN organisations payer ON payer.id = c.payer_id JOIN organisations payee ON payee.id = c.payee_id) m
      WHERE m.status IN ('confirmed', 'declared')
      GROUP BY m.contract_id, m.month
     HAVING coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) <> 0 OR coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) <> 0) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents, sme_declared_cents = a.sme_declared_cents + excluded.sme_declared_cents;
     RETURN NULL;
   END $function$;

CREATE TRIGGER activity_payments_delete AFTER DELETE ON public.payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_payments_delete();
CREATE TRIGGER activity_payments_insert AFTER INSERT ON public.payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_payments_insert();
CREATE TRIGGER activity_payments_update AFTER UPDATE ON public.payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_payments_update();
