import { codeEntry, entry } from '../entry';

/** French names of the records a 404 names (the English is the throw site's own word). */
const RECORD_FR: Record<string, string> = {
  assignment: "l'affectation", beneficiary: 'la personne', contract: 'le marché', hoursstatement: 'la déclaration d’heures', import: "l'import",
  payment: 'le paiement', report: 'le rapport', user: "l'utilisateur", clause: 'la clause', department: 'le département', operation: "l'opération",
  organisation: "l'organisation", region: 'la région',
};

/** The exception filter's own messages, and the errors every route may answer. */
export const HTTP = {
  'http.unauthenticated': entry(
    [],
    () => 'connectez-vous d’abord : envoyez le jeton d’accès en en-tête Authorization: Bearer <jeton>',
    () => 'Sign in first: send the access token as Authorization: Bearer <token>',
  ),
  'http.forbidden': entry([], () => 'votre rôle ne permet pas de faire ceci', () => 'Your role may not do this'),
  'http.route_not_found': entry([], () => 'cette adresse n’existe pas dans l’API', () => 'No such route in the API'),
  'http.too_many_requests': entry([], () => 'trop de requêtes : réessayez dans un moment', () => 'Too many requests: try again in a moment'),
  'http.service_unavailable': entry([], () => 'le service est momentanément indisponible : réessayez plus tard', () => 'The service is unavailable for now; try again later'),
  'http.internal_error': entry([], () => 'erreur interne du service', () => 'Internal server error'),
  'http.payload_too_large': entry([], () => 'le corps de la requête est trop volumineux (1 Mo de JSON au plus)', () => 'The request body is too large (at most 1 MB of JSON)'),
  'http.invalid_json': entry([], () => 'le corps de la requête n’est pas du JSON valide', () => 'The request body is not valid JSON'),
  'http.body_not_json': entry([], () => 'doit être du JSON, envoyé avec Content-Type: application/json', () => 'must be JSON, sent with Content-Type: application/json'),
  'http.body_not_object': entry([], () => 'doit être un objet JSON', () => 'must be a JSON object'),
  'http.body_too_deep': entry<{ depth: number }>(['depth'], (p) => `ne doit pas imbriquer plus de ${p.depth} niveaux d’objets ou de listes`, (p) => `must not nest objects or arrays more than ${p.depth} levels deep`),
  'http.body_empty_patch': entry([], () => 'doit contenir au moins un champ à modifier', () => 'must hold at least one field to change'),
  'http.body_invalid_json': entry([], () => 'n’est pas du JSON valide', () => 'is not valid JSON'),
  'http.body_not_utf8': entry([], () => 'doit être du JSON encodé en UTF-8', () => 'must be JSON encoded in UTF-8'),
  'http.request_refused': entry([], () => 'la requête a été refusée', () => 'The request was refused'),
  'http.duplicate': entry([], () => 'cet enregistrement existe déjà', () => 'already exists'),
  'http.unknown_reference': entry(
    [],
    () => 'désigne un enregistrement qui n’existe pas, ou qui est encore utilisé',
    () => 'refers to a record that does not exist or is still in use',
  ),
  'http.constraint_violation': entry<{ rule: string }>(['rule'], (p) => `refusé par la règle ${p.rule} de la base de données`, (p) => `rejected by the database rule ${p.rule}`),
  /** The invalid fields of a request, one after the other. */
  'http.invalid_fields': entry<{ problems: string[] }>(['problems'], (p) => p.problems.join(' ; '), (p) => p.problems.join('; ')),
  'http.field_problem': entry<{ field: string; reason: string }>(['field', 'reason'], (p) => `${p.field} : ${p.reason}`, (p) => `${p.field}: ${p.reason}`),
  not_found: codeEntry<{ entity: string; id: string }>(
    ['entity', 'id'],
    (p) => `${RECORD_FR[p.entity.toLowerCase()] ?? p.entity} ${p.id} est introuvable`,
    (p) => `${p.entity} ${p.id} not found`,
  ),
};

/** The database constraints clients see as plain field problems: the reason given for the field. */
export const CONSTRAINTS = {
  'constraint.organisation_siret_unique': entry([], () => 'une organisation a déjà ce SIRET', () => 'an organisation with this SIRET already exists'),
  'constraint.contract_reference_unique': entry(
    [],
    () => 'cet acheteur a déjà un marché de cette référence',
    () => 'this contracting authority already has a contract with this reference',
  ),
  'constraint.contract_party_unique': entry([], () => 'cette entreprise est déjà partie au marché', () => 'this company is already a party to the contract'),
  'constraint.beneficiary_once_per_structure': entry([], () => 'cette personne est déjà enregistrée par cette structure', () => 'this person is already registered by this structure'),
  'constraint.statement_one_pending': entry(
    [],
    () => 'une déclaration pour cette affectation et ce mois attend déjà une décision',
    () => 'a statement for this assignment and month is already awaiting validation',
  ),
  'constraint.statement_one_validated': entry(
    [],
    () => 'une déclaration validée existe pour cette affectation et ce mois : corrigez-la',
    () => 'a validated statement exists for this assignment and month: supersede it',
  ),
  'constraint.clause_terms_one_per_date': entry([], () => 'la clause a déjà un avenant à cette date', () => 'the clause already has an amendment on this date'),
  'constraint.user_email_unique': entry([], () => 'un utilisateur a déjà cette adresse', () => 'a user with this email exists'),
};
