import { entry } from '../entry';

/**
 * Why a field of a request is refused: one sentence per class-validator constraint, keyed
 * `field.<constraint name>`, its parameters being the constraint's own (IsIn's values, Max's bound).
 */
export const FIELD_CONSTRAINTS = {
  'field.isIn': entry<{ values: unknown[] }>(['values'], (p, s) => `doit être ${s.or(p.values.map(String))}`, (p, s) => `must be ${s.or(p.values.map(String))}`),
  'field.isEnum': entry<{ values: unknown[] }>(['values'], (p, s) => `doit être ${s.or(p.values.map(String))}`, (p, s) => `must be ${s.or(p.values.map(String))}`),
  'field.isUuid': entry([], () => 'doit être un identifiant (UUID)', () => 'must be an id (UUID)'),
  'field.isInt': entry([], () => 'doit être un nombre entier', () => 'must be an integer'),
  'field.isNumber': entry([], () => 'doit être un nombre', () => 'must be a number'),
  'field.min': entry<{ min: number }>(['min'], (p) => `doit valoir au moins ${p.min}`, (p) => `must not be less than ${p.min}`),
  'field.max': entry<{ max: number }>(['max'], (p) => `doit valoir au plus ${p.max}`, (p) => `must not be greater than ${p.max}`),
  'field.isString': entry([], () => 'doit être un texte', () => 'must be a string'),
  'field.maxLength': entry<{ max: number }>(['max'], (p) => `doit faire au plus ${p.max} caractères`, (p) => `must be at most ${p.max} characters`),
  'field.minLength': entry<{ min: number }>(['min'], (p) => `doit faire au moins ${p.min} caractères`, (p) => `must be at least ${p.min} characters`),
  'field.isLength': entry<{ min: number; max: number }>(['min', 'max'], (p) => `doit faire de ${p.min} à ${p.max} caractères`, (p) => `must be ${p.min} to ${p.max} characters long`),
  'field.isNotEmpty': entry([], () => 'ne doit pas être vide', () => 'must not be empty'),
  'field.isDefined': entry([], () => 'est obligatoire', () => 'is required'),
  'field.isBoolean': entry([], () => 'doit valoir true ou false', () => 'must be true or false'),
  'field.isArray': entry([], () => 'doit être une liste', () => 'must be an array'),
  'field.arrayMaxSize': entry<{ max: number }>(['max'], (p) => `doit compter au plus ${p.max} éléments`, (p) => `must hold at most ${p.max} elements`),
  'field.arrayMinSize': entry<{ min: number }>(['min'], (p) => `doit compter au moins ${p.min} éléments`, (p) => `must hold at least ${p.min} elements`),
  'field.isEmail': entry([], () => 'doit être une adresse e-mail', () => 'must be an email address'),
  'field.matches': entry([], () => 'n’a pas la forme attendue', () => 'does not have the expected form'),
  'field.whitelistValidation': entry([], () => 'ce champ n’est pas attendu', () => 'this field is not expected'),
  'field.nestedValidation': entry([], () => 'doit être un objet', () => 'must be an object'),
  'field.isIso8601': entry([], () => 'doit être une date ISO 8601 (ex. 2026-03-31)', () => 'must be an ISO 8601 date (e.g. 2026-03-31)'),
  'field.isoDate': entry([], () => 'doit être une date AAAA-MM-JJ', () => 'must be a date YYYY-MM-DD'),
  'field.hours': entry([], () => 'doit être un nombre d’heures positif, avec deux décimales au plus', () => 'must be a number of hours ≥ 0 with at most 2 decimal places'),
  'field.weeklyHours': entry(
    [],
    () => 'doit être un nombre d’heures de 0 à 48, avec deux décimales au plus',
    () => 'must be a number of hours between 0 and 48 with at most 2 decimal places',
  ),
  'field.siretCheckDigit': entry([], () => 'la clé de contrôle du SIRET est fausse', () => 'fails the SIRET check digit'),
  'field.isOnOrAfter': entry<{ other: string }>(['other'], (p) => `doit être le même jour que ${p.other} ou après`, (p) => `must be on or after ${p.other}`),
  'field.isObject': entry([], () => 'doit être un objet', () => 'must be an object'),
  'field.required': entry([], () => 'obligatoire', () => 'required'),
};

/**
 * The reasons the DTOs write themselves (`@Matches(re, { message })`), found by their English text:
 * a DTO keeps its sentence as the English one, and gets its French here without changing.
 * src/common/validation/field-reasons.spec.ts fails when a DTO's sentence has no entry.
 */
export const FIELD_SENTENCES = {
  'field.month': entry([], () => 'doit être un mois AAAA-MM', () => 'must be a month YYYY-MM'),
  'field.quarter': entry([], () => 'doit être un trimestre AAAA-T1 à AAAA-T4, écrit AAAA-Q1..Q4', () => 'must be a quarter YYYY-Q1..Q4'),
  'field.departmentCode': entry([], () => 'doit être un code de département INSEE', () => 'must be an INSEE department code'),
  'field.departmentCodes': entry([], () => 'chacun doit être un code de département INSEE', () => 'each must be an INSEE department code'),
  'field.regionCode': entry([], () => 'doit être un code de région INSEE', () => 'must be an INSEE region code'),
  'field.departmentOrRegionCode': entry([], () => 'doit être un code de département ou de région INSEE', () => 'must be an INSEE department or region code'),
  'field.communeCode': entry([], () => 'doit être un code de commune INSEE (5 caractères, ex. 93066)', () => 'must be an INSEE commune code (5 characters, e.g. 93066)'),
  'field.siretDigits': entry([], () => 'doit compter 14 chiffres', () => 'must be 14 digits'),
  'field.cpvCode': entry([], () => 'doit être un code CPV comme 45000000 ou 45000000-7', () => 'must be a CPV code like 45000000 or 45000000-7'),
  'field.romeCode': entry([], () => 'doit être un code ROME : une lettre de A à N et 4 chiffres, ex. F1703', () => 'must be a ROME code: a letter A-N and 4 digits, e.g. F1703'),
  'field.tableName': entry([], () => 'doit être un nom de table', () => 'must be a table name'),
  'field.notBlank': entry([], () => 'ne doit pas être vide', () => 'must not be blank'),
  'field.notEmpty': entry([], () => 'ne doit pas être vide', () => 'must not be empty'),
  'field.otherValidatedReason': entry([], () => 'un motif écrit est obligatoire pour le critère OTHER_VALIDATED', () => 'a written reason is required for OTHER_VALIDATED'),
  'field.passwordLength': entry([], () => 'doit faire au moins 12 caractères', () => 'must be at least 12 characters'),
};
