-- The holder's monthly total hours -> contract_month_activity.contract_hours_x100, the denominator
-- of percent_of_hours targets (DOMAIN rule 1), by commutative deltas in (contract, month) order.
-- Rows of a contract being deleted are skipped: its row goes by cascade.
-- History: migration ContractMonthActivity.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.activity_monthly_hours_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
  INSERT INTO contract_month_activity AS a (contract_id, month, contract_hours_x100)
  SELECT * FROM (SELECT c.contract_id, c.month, sum(c.sign * c.hours_x100) AS v FROM (SELECT contract_id, month, hours_x100, -1 AS sign FROM old_rows) c GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET contract_hours_x100 = a.contract_hours_x100 + excluded.contract_hours_x100;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_monthly_hours_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
  INSERT INTO contract_month_activity AS a (contract_id, month, contract_hours_x100)
  SELECT * FROM (SELECT c.contract_id, c.month, sum(c.sign * c.hours_x100) AS v FROM (SELECT contract_id, month, hours_x100, 1 AS sign FROM new_rows) c GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET contract_hours_x100 = a.contract_hours_x100 + excluded.contract_hours_x100;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_monthly_hours_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
  INSERT INTO contract_month_activity AS a (contract_id, month, contract_hours_x100)
  SELECT * FROM (SELECT c.contract_id, c.month, sum(c.sign * c.hours_x100) AS v FROM (SELECT contract_id, month, hours_x100, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, hours_x100, -1 AS sign FROM old_rows) c GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET contract_hours_x100 = a.contract_hours_x100 + excluded.contract_hours_x100;
     RETURN NULL;
   END $function$;

CREATE TRIGGER activity_monthly_hours_delete AFTER DELETE ON public.contract_monthly_hours REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_monthly_hours_delete();
CREATE TRIGGER activity_monthly_hours_insert AFTER INSERT ON public.contract_monthly_hours REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_monthly_hours_insert();
CREATE TRIGGER activity_monthly_hours_update AFTER UPDATE ON public.contract_monthly_hours REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_monthly_hours_update();
