import { entry } from '../entry';

type Sheet = { sheet: string; line: number };

/** Why a row of an import is refused, or what the dry run notes about it. */
export const IMPORT_ROWS = {
  'row.assignment_or_person': entry(
    [],
    () => 'donnez l’identifiant de l’affectation, ou le code bénéficiaire et la référence du marché',
    () => 'give the assignment id, or the beneficiary code and the contract reference',
  ),
  unknown_assignment: entry([], () => 'aucune affectation de cet identifiant parmi celles que vous suivez', () => 'no assignment with this id among those you follow'),
  ambiguous_assignment: entry<{ count: number }>(
    ['count'],
    (p) => `${p.count} affectations de cette personne sur ce marché couvrent ce mois : donnez l’identifiant de l’affectation`,
    (p) => `${p.count} assignments of this person on this contract match this month: give the assignment id`,
  ),
  unknown_beneficiary: entry([], () => 'aucune personne de ce code parmi celles que vous suivez', () => 'no person with this code among those you follow'),
  'unknown_beneficiary.identifiant': entry(
    [],
    () => 'aucune personne de cet identifiant dans la feuille beneficiaires',
    () => 'no person with this identifiant in the beneficiaires sheet',
  ),
  unknown_contract: entry([], () => 'aucun marché de cette référence parmi ceux que vous suivez', () => 'no contract with this reference among those you follow'),
  no_assignment: entry([], () => 'cette personne n’a pas d’affectation sur ce marché', () => 'this person has no assignment on this contract'),
  duplicate_in_file: entry<{ line: number }>(
    ['line'],
    (p) => `la ligne ${p.line} de ce fichier donne déjà les heures de cette affectation pour ce mois`,
    (p) => `line ${p.line} of this file already gives the hours of this assignment for this month`,
  ),
  depends_on_refused: entry<Sheet>(
    ['sheet', 'line'],
    (p) => `dépend de la ligne ${p.line} de la feuille ${p.sheet}, refusée`,
    (p) => `depends on line ${p.line} of sheet ${p.sheet}, refused`,
  ),
  not_eligible: entry<{ start: string }>(
    ['start'],
    (p, s) => `aucun critère d’éligibilité de cette personne n’est valable le ${s.date(p.start)} : l’affectation est acceptée et signalée, ses heures comptent comme non éligibles`,
    (p) => `no eligibility criterion of this person is valid on ${p.start}: the assignment is accepted and flagged, its hours count as not eligible`,
  ),
  differs_from_record: entry<{ differences: { column: string; file: string; current: string; updatable: boolean }[]; updated?: boolean }>(
    ['differences'],
    (p, s) => {
      const what = p.differences.map((d) => `${d.column} (fichier « ${d.file} », enregistré « ${d.current} »)`).join(', ');
      const can = p.differences.filter((d) => d.updatable).map((d) => d.column);
      const cannot = p.differences.filter((d) => !d.updatable).map((d) => d.column);
      const how = [
        ...(can.length ? [p.updated ? `mis à jour : ${s.and(can)}` : `confirmez avec updateExisting pour mettre à jour ${s.and(can)}`] : []),
        ...(cannot.length ? [`un import ne change pas ${s.and(cannot)} : modifiez l’enregistrement lui-même (ou demandez-le à qui en a le droit)`] : []),
      ];
      return `${p.updated ? 'différait' : 'existe déjà avec d’autres valeurs'} : ${what} ; ${how.join(' ; ')}`;
    },
    (p, s) => {
      const what = p.differences.map((d) => `${d.column} (file "${d.file}", recorded "${d.current}")`).join(', ');
      const can = p.differences.filter((d) => d.updatable).map((d) => d.column);
      const cannot = p.differences.filter((d) => !d.updatable).map((d) => d.column);
      const how = [
        ...(can.length ? [p.updated ? `updated: ${s.and(can)}` : `confirm with updateExisting to update ${s.and(can)}`] : []),
        ...(cannot.length ? [`an import does not change ${s.and(cannot)}: change the record itself (or ask whoever may)`] : []),
      ];
      return `${p.updated ? 'differed' : 'exists already with other values'}: ${what}; ${how.join('; ')}`;
    },
  ),
  // entreprises
  'company.duplicate_in_file': entry<{ line: number }>(['line'], (p) => `la ligne ${p.line} de cette feuille donne déjà cette entreprise`, (p) => `line ${p.line} of this sheet already gives this company`),
  company_size_required: entry([], () => 'une entreprise a une taille (micro, petite, moyenne ou grande)', () => 'a company needs a size (micro, small, medium or large)'),
  unknown_department: entry<{ codes: string[] }>(['codes'], (p, s) => `codes de département inconnus : ${s.and(p.codes)}`, (p) => `unknown department codes: ${p.codes.join(', ')}`),
  not_a_company: entry<{ name: string; kind: string }>(['name', 'kind'], (p) => `${p.name} est un(e) ${p.kind}, pas une entreprise`, (p) => `${p.name} is a ${p.kind}, not a company`),
  employer_not_company: entry([], () => 'l’employeur doit être une entreprise', () => 'the employer must be a company'),
  'company.unknown': entry<{ siret: string }>(
    ['siret'],
    (p) => `aucune entreprise de SIRET ${p.siret} : ajoutez-la à la feuille entreprises`,
    (p) => `no company with SIRET ${p.siret}: add it to the entreprises sheet`,
  ),
  // marches
  inconsistent_contract: entry<{ line: number }>(['line'], (p) => `diffère de la ligne ${p.line}, qui décrit ce marché`, (p) => `differs from line ${p.line}, which describes this contract`),
  'contract.department_forbidden': entry<{ departments: string[] }>(
    ['departments'],
    (p, s) => `un facilitateur ne crée de marchés que dans ses départements (${s.and(p.departments)})`,
    (p) => `A facilitator creates contracts in its departments only (${p.departments.join(', ')})`,
  ),
  end_before_start: entry<{ start: string; end: string }>(
    ['start', 'end'],
    (p, s) => `la date de fin ${s.date(p.end)} est avant la date de début ${s.date(p.start)}`,
    (p) => `the end date ${p.end} is before the start date ${p.start}`,
  ),
  'authority.unknown': entry<{ siret: string }>(
    ['siret'],
    (p) => `aucune organisation de SIRET ${p.siret} : demandez à un administrateur d’enregistrer cet acheteur (un facilitateur n’enregistre que des entreprises)`,
    (p) => `no organisation with SIRET ${p.siret}: ask an administrator to register this contracting authority (facilitators register companies only)`,
  ),
  not_a_contracting_authority: entry<{ name: string; kind: string }>(
    ['name', 'kind'],
    (p) => `${p.name} est un(e) ${p.kind}, pas un acheteur`,
    (p) => `${p.name} is a ${p.kind}, not a contracting_authority`,
  ),
  'contract.reference_taken': entry([], () => 'cet acheteur a déjà un marché de cette référence', () => 'this contracting authority already has a contract with this reference'),
  'clause.kind_missing': entry<{ kinds: string[] }>(
    ['kinds'],
    (p, s) => `est vide : donnez le type de clause (${s.or(p.kinds)}) des colonnes de clause remplies`,
    (p, s) => `is empty: give the kind of clause (${s.or(p.kinds)}) for the clause columns filled in`,
  ),
  'clause.duplicate_in_file': entry([], () => 'une ligne précédente de ce marché donne déjà cette clause', () => 'an earlier line of this contract already gives this clause'),
  clause_differs: entry<{ kind: string; clauseId: string }>(
    ['kind', 'clauseId'],
    (p) => `le marché a déjà une clause ${p.kind} avec d’autres termes : faites un avenant (POST /clauses/${p.clauseId}/amendments) plutôt que de l’importer à nouveau`,
    (p) => `the contract already has a ${p.kind} clause with other terms: amend it (POST /clauses/${p.clauseId}/amendments) rather than importing it again`,
  ),
  // beneficiaires
  'person.duplicate_in_file': entry<{ line: number; ref: string }>(
    ['line', 'ref'],
    (p) => `la ligne ${p.line} de cette feuille enregistre déjà cette personne (identifiant ${p.ref})`,
    (p) => `line ${p.line} of this sheet already registers this person (identifiant ${p.ref})`,
  ),
  inconsistent_person: entry<{ line: number }>(['line'], (p) => `diffère de la ligne ${p.line}, qui décrit cette personne`, (p) => `differs from line ${p.line}, which describes this person`),
  'criterion.missing': entry([], () => 'est vide : donnez le critère auquel se rapportent les colonnes de validation', () => 'is empty: give the criterion the validation columns are about'),
  'criterion.valid_until': entry<{ column: string; date: string }>(
    ['column', 'date'],
    (p, s) => `doit être le même jour que ${p.column} (${s.date(p.date)}) ou après`,
    (p) => `must be on or after ${p.column} (${p.date})`,
  ),
  'criterion.reason_required': entry([], () => 'un motif écrit est obligatoire pour le critère autre (OTHER_VALIDATED)', () => 'a written reason is required for OTHER_VALIDATED'),
  // affectations
  'assignment.end_before_start': entry<{ start: string }>(['start'], (p, s) => `doit être le même jour que la date de début ${s.date(p.start)} ou après`, (p) => `must be on or after the start date ${p.start}`),
  'assignment.person_missing': entry(
    [],
    () => 'donnez l’identifiant de la personne dans la feuille beneficiaires, ou son code',
    () => 'give the identifiant of the person in the beneficiaires sheet, or their code',
  ),
  ambiguous_contract: entry<{ count: number }>(
    ['count'],
    (p) => `${p.count} marchés ont cette référence : donnez le SIRET de l’acheteur`,
    (p) => `${p.count} contracts have this reference: give the contracting authority's SIRET`,
  ),
  assignment_outside_contract: entry<{ start: string; contractStart: string; contractEnd: string }>(
    ['start', 'contractStart', 'contractEnd'],
    (p, s) => `la date de début ${s.date(p.start)} est en dehors des dates du marché (du ${s.date(p.contractStart)} au ${s.date(p.contractEnd)})`,
    (p) => `the start date ${p.start} is outside the contract's dates ${p.contractStart} – ${p.contractEnd}`,
  ),
};
