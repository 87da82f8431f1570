-- The amounts the holder invoiced -> contract_month_activity.invoiced_cents (per_amount_invoiced
-- targets and SME-share progress, DOMAIN rules 1 and 10), by commutative deltas in (contract,
-- month) order. Rows of a contract being deleted are skipped: its row goes by cascade.
-- History: migration ContractMonthActivity.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.activity_invoiced_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
  INSERT INTO contract_month_activity AS a (contract_id, month, invoiced_cents)
  SELECT * FROM (SELECT c.contract_id, c.month, sum(c.sign * c.amount_cents) AS v FROM (SELECT contract_id, month, amount_cents, -1 AS sign FROM old_rows) c GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET invoiced_cents = a.invoiced_cents + excluded.invoiced_cents;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_invoiced_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
  INSERT INTO contract_month_activity AS a (contract_id, month, invoiced_cents)
  SELECT * FROM (SELECT c.contract_id, c.month, sum(c.sign * c.amount_cents) AS v FROM (SELECT contract_id, month, amount_cents, 1 AS sign FROM new_rows) c GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET invoiced_cents = a.invoiced_cents + excluded.invoiced_cents;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_invoiced_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
  INSERT INTO contract_month_activity AS a (contract_id, month, invoiced_cents)
  SELECT * FROM (SELECT c.contract_id, c.month, sum(c.sign * c.amount_cents) AS v FROM (SELECT contract_id, month, amount_cents, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, amount_cents, -1 AS sign FROM old_rows) c GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET invoiced_cents = a.invoiced_cents + excluded.invoiced_cents;
     RETURN NULL;
   END $function$;

CREATE TRIGGER activity_invoiced_delete AFTER DELETE ON public.contract_invoiced_amounts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_invoiced_delete();
CREATE TRIGGER activity_invoiced_insert AFTER INSERT ON public.contract_invoiced_amounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_invoiced_insert();
CREATE TRIGGER activity_invoiced_update AFTER UPDATE ON public.contract_invoiced_amounts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_invoiced_update();
