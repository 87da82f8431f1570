-- Payments to SME payees -> contract_month_activity.sme_confirmed_cents and sme_declared_cents
-- (DOMAIN rule 10; a disputed payment counts in neither). An SME is a size in SME_SIZES
-- (src/organisations/organisation.entity.ts), read now: the payees are locked FOR SHARE first, so a
-- change of size (activity_payee_size) and a payment written at once see each other's work.
-- History: migration ContractMonthActivity.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.activity_payments_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM 1 FROM organisations WHERE id IN (SELECT payee_id FROM (SELECT contract_id, month, status, amount_cents, payee_id, -1 AS sign FROM old_rows) p) ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, sme_confirmed_cents, sme_declared_cents)
  SELECT * FROM (SELECT c.contract_id, c.month,
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'confirmed'), 0),
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'declared'), 0)
       FROM (SELECT c.* FROM (SELECT contract_id, month, status, amount_cents, payee_id, -1 AS sign FROM old_rows) c JOIN organisations payee ON payee.id = c.payee_id AND payee.size IN ('micro', 'small', 'medium')) c
      WHERE c.status IN ('confirmed', 'declared')
      GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents, sme_declared_cents = a.sme_declared_cents + excluded.sme_declared_cents;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_payments_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM 1 FROM organisations WHERE id IN (SELECT payee_id FROM (SELECT contract_id, month, status, amount_cents, payee_id, 1 AS sign FROM new_rows) p) ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, sme_confirmed_cents, sme_declared_cents)
  SELECT * FROM (SELECT c.contract_id, c.month,
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'confirmed'), 0),
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'declared'), 0)
       FROM (SELECT c.* FROM (SELECT contract_id, month, status, amount_cents, payee_id, 1 AS sign FROM new_rows) c JOIN organisations payee ON payee.id = c.payee_id AND payee.size IN ('micro', 'small', 'medium')) c
      WHERE c.status IN ('confirmed', 'declared')
      GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents, sme_declared_cents = a.sme_declared_cents + excluded.sme_declared_cents;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_payments_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM 1 FROM organisations WHERE id IN (SELECT payee_id FROM (SELECT contract_id, month, status, amount_cents, payee_id, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, status, amount_cents, payee_id, -1 AS sign FROM old_rows) p) ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, sme_confirmed_cents, sme_declared_cents)
  SELECT * FROM (SELECT c.contract_id, c.month,
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'confirmed'), 0),
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'declared'), 0)
       FROM (SELECT c.* FROM (SELECT contract_id, month, status, amount_cents, payee_id, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, status, amount_cents, payee_id, -1 AS sign FROM old_rows) c JOIN organisations payee ON payee.id = c.payee_id AND payee.size IN ('micro', 'small', 'medium')) c
      WHERE c.status IN ('confirmed', 'declared')
      GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents, sme_declared_cents = a.sme_declared_cents + excluded.sme_declared_cents;
     RETURN NULL;
   END $function$;

CREATE TRIGGER activity_payments_delete AFTER DELETE ON public.payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_payments_delete();
CREATE TRIGGER activity_payments_insert AFTER INSERT ON public.payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_payments_insert();
CREATE TRIGGER activity_payments_update AFTER UPDATE ON public.payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_payments_update();
