-- A contract's holder changed (by hand: no route does it) -> what SMEs executed on it moves (DOMAIN
-- rule 10): its invoices count by the new holder's size, its payments by who holds it now. The
-- companies whose size it reads are locked FOR SHARE first, as every writer does; the contract row,
-- held by the change itself, is what its payments and invoices wait for.
-- History: migration SmeShareOnce.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.activity_contract_holder()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     PERFORM 1 FROM organisations
      WHERE id IN (OLD.holder_id, NEW.holder_id) OR id IN (SELECT payer_id FROM payments WHERE contract_id = NEW.id UNION SELECT payee_id FROM payments WHERE contract_id = NEW.id)
      ORDER BY id FOR SHARE;
     
  INSERT INTO contract_month_activity AS a (contract_id, month, sme_confirmed_cents, sme_declared_cents)
  SELECT * FROM (SELECT m.contract_id, m.month,
            coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) AS confirmed, coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) AS declared
       FROM (
       SELECT p.contract_id, p.month, p.status,
              p.amount_cents * (sme_executed_sign(is_sme(payer.size), is_sme(payee.size), p.payer_id = NEW.holder_id)
                                - sme_executed_sign(is_sme(payer.size), is_sme(payee.size), p.payer_id = OLD.holder_id)) AS v
         FROM payments p JOIN organisations payer ON payer.id = p.payer_id JOIN organisations payee ON payee.id = p.payee_id
        WHERE p.contract_id = NEW.id
       UNION ALL
       SELECT i.contract_id, i.month, 'confirmed', i.amount_cents * (is_sme(nh.size)::int - is_sme(oh.size)::int)
         FROM contract_invoiced_amounts i, organisations nh, organisations oh
        WHERE i.contract_id = NEW.id AND nh.id = NEW.holder_id AND oh.id = OLD.holder_id) m
      WHERE m.status IN ('confirmed', 'declared')
      GROUP BY m.contract_id, m.month
     HAVING coalesce(sum(m.v) FILTER (WHERE m.status = 'confirmed'), 0) <> 0 OR coalesce(sum(m.v) FILTER (WHERE m.status = 'declared'), 0) <> 0) d WHERE EXISTS (SELECT 1 FROM contracts k WHERE k.id = d.contract_id)
   ORDER BY d.contract_id, d.month
  ON CONFLICT (contract_id, month) DO UPDATE SET sme_confirmed_cents = a.sme_confirmed_cents + excluded.sme_confirmed_cents, sme_declared_cents = a.sme_declared_cents + excluded.sme_declared_cents;
     RETURN NULL;
   END $function$;

CREATE TRIGGER activity_contract_holder AFTER UPDATE OF holder_id ON public.contracts FOR EACH ROW WHEN ((old.holder_id IS DISTINCT FROM new.holder_id)) EXECUTE FUNCTION activity_contract_holder();
