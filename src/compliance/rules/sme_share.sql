-- DOMAIN rule 10, each euro once, as the database sums it (the triggers of contract_month_activity,
-- rebuild_activity_aggregates, GET /contracts/:id/sme-payments): is_sme() is SME_SIZES
-- (src/organisations/organisation.entity.ts); sme_executed_sign() says how a payment counts in what
-- SMEs executed: +1 when its payee is an SME and its payer is not (the holder, or a co-contractor that
-- is not an SME), -1 when the holder is an SME and pays a non-SME (an SME holder counts the amount it
-- invoiced, less what it paid to non-SMEs), 0 otherwise: what an SME pays on to an SME is already
-- inside what it received or invoiced. The shares and the status are sme-share.ts.
-- History: migration SmeShareOnce.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.is_sme(size text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT coalesce(size IN ('micro', 'small', 'medium'), false) $function$;

CREATE OR REPLACE FUNCTION public.sme_executed_sign(payer_sme boolean, payee_sme boolean, payer_is_holder boolean)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT CASE WHEN payee_sme AND NOT payer_sme THEN 1 WHEN payer_is_holder AND payer_sme AND NOT payee_sme THEN -1 ELSE 0 END $function$;
