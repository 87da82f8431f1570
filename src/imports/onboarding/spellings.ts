import { MODALITIES, type Modality, OUTCOMES, type Outcome } from '../../assignments/assignment.entity';
import { CRITERIA, type Criterion, EDUCATION_LEVELS, type EducationLevel, SEXES, type Sex } from '../../beneficiaries/beneficiary.entity';
import { CLAUSE_KINDS, type ClauseKind, RESERVATIONS, type Reservation, TARGET_MODES, type TargetMode } from '../../clauses/clause.entity';
import { SOCIAL_CONSIDERATIONS, type SocialConsideration } from '../../contracts/contract.entity';
import { COMPANY_SIZES, type CompanySize, INCLUSION_TYPES, type InclusionType } from '../../organisations/organisation.entity';
import { msg } from '../../common/messages';
import { CellError, normaliseKey } from '../parse/cells';
import { spellings } from './values';

/**
 * The French words an onboarding workbook may use for each of the API's enumerations (normalised:
 * no accents, lower case, `_` between words), besides the API's own codes. The lists of codes are
 * the entities' own, so a new code is accepted here at once.
 */

export const SIZES = spellings<CompanySize>(COMPANY_SIZES, { micro_entreprise: 'micro', tpe: 'micro', petite: 'small', moyenne: 'medium', grande: 'large', grande_entreprise: 'large' });
export const SIZES_TEXT = ['micro', 'petite', 'moyenne', 'grande'];

export const INCLUSION = spellings<InclusionType>(INCLUSION_TYPES, { aucun: 'none', aucune: 'none', non: 'none' });
export const INCLUSION_TEXT = [...INCLUSION_TYPES];

export const CLAUSE_KIND = spellings<ClauseKind>(CLAUSE_KINDS, {
  heures_insertion: 'insertion_hours', heures_d_insertion: 'insertion_hours', insertion: 'insertion_hours',
  part_pme: 'sme_share', pme: 'sme_share', reserve: 'reserved', marche_reserve: 'reserved',
});
export const CLAUSE_KIND_TEXT = ['heures_insertion', 'part_pme', 'reserve'];

export const TARGET_MODE = spellings<TargetMode>(TARGET_MODES, {
  fixe: 'fixed', formule: 'formula', pourcentage_heures: 'percent_of_hours', pourcentage_des_heures: 'percent_of_hours',
  par_montant_facture: 'per_amount_invoiced', montant_facture: 'per_amount_invoiced',
});
export const TARGET_MODE_TEXT = ['fixe', 'formule', 'pourcentage_heures', 'par_montant_facture'];

export const RESERVATION = spellings<Reservation>(RESERVATIONS, { siae: 'siae_L2113_13', l2113_13: 'siae_L2113_13', ea_esat: 'ea_esat_L2113_12', ea: 'ea_esat_L2113_12', esat: 'ea_esat_L2113_12', l2113_12: 'ea_esat_L2113_12' });
export const RESERVATION_TEXT = ['siae (L2113-13)', 'ea_esat (L2113-12)'];

export const SOCIAL = spellings<SocialConsideration>(SOCIAL_CONSIDERATIONS, {});
export const SOCIAL_TEXT = [...SOCIAL_CONSIDERATIONS];

export const SEX = spellings<Sex>(SEXES, { femme: 'F', homme: 'M', h: 'M' });
export const SEX_TEXT = ['F', 'M'];

export const EDUCATION = spellings<EducationLevel>(EDUCATION_LEVELS, {
  infra_cap_bep: 'below_cap_bep', inferieur_cap_bep: 'below_cap_bep', sans_diplome: 'below_cap_bep', cap: 'cap_bep', bep: 'cap_bep',
  bac_2: 'bac_plus_2', bac_3: 'bac_plus_3_or_more', bac_plus_3: 'bac_plus_3_or_more', bac_3_et_plus: 'bac_plus_3_or_more', bac_plus_3_et_plus: 'bac_plus_3_or_more',
});
export const EDUCATION_TEXT = ['infra_cap_bep', 'cap_bep', 'bac', 'bac_2', 'bac_3_et_plus'];

export const CRITERION = spellings<Criterion>(CRITERIA, {
  demandeur_d_emploi_de_longue_duree: 'DELD', demandeur_emploi_longue_duree: 'DELD', beneficiaire_du_rsa: 'RSA',
  jeune_peu_qualifie: 'YOUTH_LOW_QUALIFICATION', jeune_sans_qualification: 'YOUTH_LOW_QUALIFICATION', travailleur_handicape: 'RQTH',
  senior_demandeur_d_emploi: 'SENIOR', residant_qpv: 'QPV_RESIDENT', resident_qpv: 'QPV_RESIDENT', habitant_qpv: 'QPV_RESIDENT',
  salarie_siae: 'SIAE_EMPLOYEE', salarie_d_une_siae: 'SIAE_EMPLOYEE', autre: 'OTHER_VALIDATED', autre_valide: 'OTHER_VALIDATED',
});
export const CRITERION_TEXT = ['DELD', 'RSA', 'ASS', 'AAH', 'jeune_peu_qualifie', 'RQTH', 'senior', 'residant_qpv', 'salarie_siae', 'autre'];

export const MODALITY = spellings<Modality>(MODALITIES, {
  cdi: 'direct_hire_cdi', embauche_directe_cdi: 'direct_hire_cdi', cdd: 'direct_hire_cdd', embauche_directe_cdd: 'direct_hire_cdd',
  apprentissage: 'apprenticeship', contrat_d_apprentissage: 'apprenticeship', etti: 'temp_work_etti', interim_etti: 'temp_work_etti',
  ett: 'temp_work_ett', interim: 'temp_work_ett', interim_ett: 'temp_work_ett', ai: 'provision_ai', mise_a_disposition_ai: 'provision_ai',
  geiq: 'provision_geiq', mise_a_disposition_geiq: 'provision_geiq', sous_traitance_siae: 'siae_subcontracting', siae: 'siae_subcontracting', formation: 'training',
});
export const MODALITY_TEXT = ['cdi', 'cdd', 'apprentissage', 'interim_etti', 'interim_ett', 'mise_a_disposition_ai', 'mise_a_disposition_geiq', 'sous_traitance_siae', 'formation'];

export const OUTCOME = spellings<Outcome>(OUTCOMES, {
  emploi_durable: 'durable_employment', emploi_de_transition: 'transitional_employment', sortie_positive: 'positive_exit', autre: 'other',
});
export const OUTCOME_TEXT = ['emploi_durable', 'emploi_de_transition', 'sortie_positive', 'autre'];

/** Social considerations as the open-data schema spells them, several in a cell separated by ; or ,. */
export function socialConsiderations(value: string): SocialConsideration[] {
  const out: SocialConsideration[] = [];
  for (const part of value.split(/[;,|]/).map((p) => p.trim()).filter(Boolean)) {
    const found = SOCIAL[normaliseKey(part)];
    if (!found) throw new CellError(msg('cell.social_consideration', { value: part, expected: SOCIAL_TEXT }));
    if (!out.includes(found)) out.push(found);
  }
  return out;
}
