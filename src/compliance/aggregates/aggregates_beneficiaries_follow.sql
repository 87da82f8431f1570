-- A changed person (key, sex, birth year, QPV residence) -> the profile of their first months
-- (DOMAIN rule 7). The service never changes these columns: this covers fixes by hand. Locks the
-- person's assignments first, the order every writer takes.
-- History: migration AssignmentProfiles.
-- The live definition (test/e2e/database-functions.e2e-spec.ts compares it with a migrated database):
-- a migration that redefines it copies its new text here.

CREATE OR REPLACE FUNCTION public.aggregates_beneficiaries_follow()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (o.person_key, o.sex, o.birth_year, o.qpv_resident) IS DISTINCT FROM (n.person_key, n.sex, n.birth_year, n.qpv_resident)) THEN
       RETURN NULL;
     END IF;
     PERFORM 1 FROM assignments a WHERE a.beneficiary_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (o.person_key, o.sex, o.birth_year, o.qpv_resident) IS DISTINCT FROM (n.person_key, n.sex, n.birth_year, n.qpv_resident))
       ORDER BY a.id FOR NO KEY UPDATE;
     UPDATE assignment_first_months f SET person_key = n.person_key, sex = n.sex, birth_year = n.birth_year, qpv_resident = n.qpv_resident
       FROM assignments a JOIN new_rows n ON n.id = a.beneficiary_id JOIN old_rows o ON o.id = n.id
      WHERE f.assignment_id = a.id AND (o.person_key, o.sex, o.birth_year, o.qpv_resident) IS DISTINCT FROM (n.person_key, n.sex, n.birth_year, n.qpv_resident);
     RETURN NULL;
   END $function$;

CREATE TRIGGER aggregates_beneficiaries_follow AFTER UPDATE ON public.beneficiaries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aggregates_beneficiaries_follow();
