-- A company that becomes an SME or stops being one -> what SMEs executed moves (DOMAIN rule 10):
-- every payment it pays or receives by the difference of its sme_executed_sign() after and before,
-- and the invoices of the contracts it holds in or out of sme_confirmed_cents. Before the change, a
-- company changed by the same statement has its old row's size, any other its size now: two
-- companies changed at once move the payments between them once. An organisation without a size
-- (not a company) is not an SME (is_sme), so large -> NULL is no change. Rare (an admin's
-- correction), hence the test first; the updated rows are locked by the update itself, which the
-- payments and invoices written at once wait for (they lock the companies FOR SHARE).
-- History: migrations ContractMonthActivity (activity_payee_size), SmeShareOnce.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.activity_company_size()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE is_sme(n.size) <> is_sme(o.size)) THEN
       RETURN NULL;
     END IF;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, sme_confirmed_cents, sme_declared_cents)
  SELECT * FROM (SELECT m.contract_id, m.month,
            coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) AS confirmed, coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) AS declared
       FROM (
       WITH changed AS (SELECT n.id, is_sme(o.size) AS was FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE is_sme(n.size) <> is_sme(o.size))
       SELECT p.contract_id, p.month, p.status,
              p.amount_cents * sme_executed_sign(is_sme(payer.size), is_sme(payee.size), p.payer_id = k.holder_id)
              - p.amount_cents * sme_executed_sign(coalesce(cpayer.was, is_sme(payer.size)), coalesce(cpayee.was, is_sme(payee.size)), p.payer_id = k.holder_id) AS v
         FROM payments p JOIN contracts k ON k.id = p.contract_id
         JOIN organisations payer ON payer.id = p.payer_id JOIN organisations payee ON payee.id = p.payee_id
         LEFT JOIN changed cpayer ON cpayer.id = p.payer_id LEFT JOIN changed cpayee ON cpayee.id = p.payee_id
        WHERE cpayer.id IS NOT NULL OR cpayee.id IS NOT NULL
       UNION ALL
       SELECT i.contract_id, i.month, 'confirmed', i.amount_cents * (CASE WHEN ch.was THEN -1 ELSE 1 END)
         FROM changed ch JOIN contracts k ON k.holder_id = ch.id JOIN contract_invoiced_amounts i ON i.contract_id = k.id) m
      WHERE m.status IN ('confirmed', 'declared')
      GROUP BY m.contract_id, m.month
     HAVING coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) <> 0 OR coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) <> 0) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents, sme_declared_cents = a.sme_declared_cents + excluded.sme_declared_cents;
     RETURN NULL;
   END $function$;

CREATE TRIGGER activity_company_size AFTER UPDATE ON public.organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_company_size();
