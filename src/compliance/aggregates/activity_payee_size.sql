-- A company that becomes an SME or stops being one (SME_SIZES, src/organisations/organisation.entity.ts)
-- -> all its payments move in or out of the SME sums of contract_month_activity. An organisation
-- without a size (not a company) is not an SME: coalesce(..., false), so large -> NULL is no change.
-- History: migration ContractMonthActivity.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.activity_payee_size()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE coalesce(n.size IN ('micro', 'small', 'medium'), false) <> coalesce(o.size IN ('micro', 'small', 'medium'), false)) THEN
       
  INSERT INTO contract_month_activity AS a (contract_id, month, sme_confirmed_cents, sme_declared_cents)
  SELECT * FROM (SELECT c.contract_id, c.month,
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'confirmed'), 0),
            coalesce(sum(c.sign * c.amount_cents) FILTER (WHERE c.status = 'declared'), 0)
       FROM (
         SELECT p.contract_id, p.month, p.status, p.amount_cents, CASE WHEN coalesce(n.size IN ('micro', 'small', 'medium'), false) THEN 1 ELSE -1 END AS sign
           FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN payments p ON p.payee_id = n.id
          WHERE coalesce(n.size IN ('micro', 'small', 'medium'), false) <> coalesce(o.size IN ('micro', 'small', 'medium'), false)) c
      WHERE c.status IN ('confirmed', 'declared')
      GROUP BY c.contract_id, c.month) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents, sme_declared_cents = a.sme_declared_cents + excluded.sme_declared_cents;
     END IF;
     RETURN NULL;
   END $function$;

CREATE TRIGGER activity_payee_size AFTER UPDATE ON public.organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_payee_size();
