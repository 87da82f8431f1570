-- The amounts the holder invoiced -> contract_month_activity.invoiced_cents (per_amount_invoiced
-- targets and SME-share progress, DOMAIN rules 1 and 10) and, when the holder is itself an SME
-- (is_sme(), src/compliance/rules/sme_share.sql), sme_confirmed_cents too: an SME holder's work is
-- executed by an SME (rule 10). By commutative deltas in (contract, month) order, after locking the
-- contracts, then their holders, FOR SHARE (as the payments do). Rows of a contract being deleted are
-- skipped: its row goes by cascade.
-- History: migrations ContractMonthActivity, SmeShareOnce.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.activity_invoiced_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
     PERFORM 1 FROM contracts WHERE id IN (SELECT contract_id FROM (SELECT contract_id, month, amount_cents, -1 AS sign FROM old_rows) c) ORDER BY id FOR SHARE;
     PERFORM 1 FROM organisations WHERE id IN (SELECT holder_id FROM contracts WHERE id IN (SELECT contract_id FROM (SELECT contract_id, month, amount_cents, -1 AS sign FROM old_rows) c)) ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, invoiced_cents, sme_confirmed_cents)
  SELECT * FROM (SELECT c.contract_id, c.month, sum(c.sign * c.amount_cents), coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE is_sme(holder.size)), 0)
          FROM (SELECT contract_id, month, amount_cents, -1 AS sign FROM old_rows) c JOIN contracts k ON k.id = c.contract_id JOIN organisations holder ON holder.id = k.holder_id
         GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET invoiced_cents = a.invoiced_cents + excluded.invoiced_cents, sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_invoiced_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
     PERFORM 1 FROM contracts WHERE id IN (SELECT contract_id FROM (SELECT contract_id, month, amount_cents, 1 AS sign FROM new_rows) c) ORDER BY id FOR SHARE;
     PERFORM 1 FROM organisations WHERE id IN (SELECT holder_id FROM contracts WHERE id IN (SELECT contract_id FROM (SELECT contract_id, month, amount_cents, 1 AS sign FROM new_rows) c)) ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, invoiced_cents, sme_confirmed_cents)
  SELECT * FROM (SELECT c.contract_id, c.month, sum(c.sign * c.amount_cents), coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE is_sme(holder.size)), 0)
          FROM (SELECT contract_id, month, amount_cents, 1 AS sign FROM new_rows) c JOIN contracts k ON k.id = c.contract_id JOIN organisations holder ON holder.id = k.holder_id
         GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET invoiced_cents = a.invoiced_cents + excluded.invoiced_cents, sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents;
     RETURN NULL;
   END $function$;

CREATE OR REPLACE FUNCTION public.activity_invoiced_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     
     PERFORM 1 FROM contracts WHERE id IN (SELECT contract_id FROM (SELECT contract_id, month, amount_cents, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, amount_cents, -1 AS sign FROM old_rows) c) ORDER BY id FOR SHARE;
     PERFORM 1 FROM organisations WHERE id IN (SELECT holder_id FROM contracts WHERE id IN (SELECT contract_id FROM (SELECT contract_id, month, amount_cents, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, amount_cents, -1 AS sign FROM old_rows) c)) ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, invoiced_cents, sme_confirmed_cents)
  SELECT * FROM (SELECT c.contract_id, c.month, sum(c.sign * c.amount_cents), coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE is_sme(holder.size)), 0)
          FROM (SELECT contract_id, month, amount_cents, 1 AS sign FROM new_rows UNION ALL SELECT contract_id, month, amount_cents, -1 AS sign FROM old_rows) c JOIN contracts k ON k.id = c.contract_id JOIN organisations holder ON holder.id = k.holder_id
         GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET invoiced_cents = a.invoiced_cents + excluded.invoiced_cents, sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents;
     RETURN NULL;
   END $function$;

CREATE TRIGGER activity_invoiced_delete AFTER DELETE ON public.contract_invoiced_amounts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_invoiced_delete();
CREATE TRIGGER activity_invoiced_insert AFTER INSERT ON public.contract_invoiced_amounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_invoiced_insert();
CREATE TRIGGER activity_invoiced_update AFTER UPDATE ON public.contract_invoiced_amounts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_invoiced_update();
