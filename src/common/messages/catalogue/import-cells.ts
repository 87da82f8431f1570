import { entry } from '../entry';

const q = (v: string) => `« ${v} »`;

/** Why one cell of an uploaded file cannot be read: said next to its line and column. */
export const IMPORT_CELLS = {
  'cell.required': entry([], () => 'est vide : obligatoire', () => 'is empty: required'),
  'cell.too_long': entry<{ max: number }>(['max'], (p) => `est trop long (${p.max} caractères au plus)`, (p) => `is too long (at most ${p.max} characters)`),
  'cell.hours_invalid': entry<{ value?: string }>(
    [],
    (p) => `${p.value ? `${q(p.value)} n’est pas` : 'doit être'} un nombre d’heures positif avec deux décimales au plus (ex. 151,67)`,
    (p) => `${p.value ? `${p.value} is not` : 'must be'} a number of hours ≥ 0 with at most 2 decimals (e.g. 151,67)`,
  ),
  'cell.hours_empty': entry([], () => 'est vide : les heures travaillées dans le mois sont obligatoires', () => 'is empty: the hours worked in the month are required'),
  'cell.weekly_hours': entry([], () => 'doit être un nombre d’heures de 0 à 48 avec deux décimales au plus', () => 'must be a number of hours between 0 and 48 with at most 2 decimal places'),
  'cell.month_invalid': entry<{ value: string }>(
    ['value'],
    (p) => `${q(p.value)} n’est pas un mois (ex. 03/2026, mars 2026 ou 2026-03)`,
    (p) => `${p.value} is not a month (e.g. 03/2026, mars 2026 or 2026-03)`,
  ),
  'cell.month_empty': entry([], () => 'est vide : le mois travaillé est obligatoire (ex. 03/2026)', () => 'is empty: the month worked is required (e.g. 03/2026)'),
  'cell.month_no_year': entry<{ value: string }>(
    ['value'],
    (p) => `${q(p.value)} ne dit pas l’année : écrivez le mois avec son année (ex. 03/2026 ou mars 2026)`,
    (p) => `${p.value} has no year: write the month with its year (e.g. 03/2026 or mars 2026)`,
  ),
  'cell.month_ambiguous': entry<{ value: string; readings: string[] }>(
    ['value', 'readings'],
    (p, s) => `${q(p.value)} est ambigu : ce peut être ${s.or(p.readings.map((r) => s.month(r)))} ; écrivez le mois sans doute possible (ex. 03/2026)`,
    (p, s) => `${p.value} is ambiguous: it may be ${s.or(p.readings.map((r) => s.month(r)))}; write the month unambiguously (e.g. 03/2026)`,
  ),
  'cell.month_day_or_year': entry<{ value: string; asMonth: string; day: number; dayMonth: string }>(
    ['value', 'asMonth', 'day', 'dayMonth'],
    (p, s) => `${q(p.value)} est ambigu : ce peut être ${s.month(p.asMonth)}, ou le ${p.day} ${s.month(p.dayMonth).split(' ')[0]} d’une année non dite ; écrivez l’année sur quatre chiffres (ex. 03/2026)`,
    (p, s) => `${p.value} is ambiguous: it may be ${s.month(p.asMonth)}, or ${s.month(p.dayMonth).split(' ')[0]} ${p.day} of a year not given; write the year with four digits (e.g. 03/2026)`,
  ),
  'cell.month_abbreviation': entry<{ value: string; names: string[] }>(
    ['value', 'names'],
    (p, s) => `${q(p.value)} est ambigu : ce peut être ${s.or(p.names)} ; écrivez le mois en entier ou en chiffres (ex. 06/2026)`,
    (p, s) => `${p.value} is ambiguous: it may be ${s.or(p.names)}; write the month in full or in figures (e.g. 06/2026)`,
  ),
  'cell.source_invalid': entry<{ value: string }>(
    [],
    (p) => `${p.value ? q(p.value) : '(vide)'} n’est pas une source : releve_entreprise, releve_intermediaire ou bulletin_de_paie`,
    (p) => `${p.value || '(empty)'} is not a source: releve_entreprise, releve_intermediaire or bulletin_de_paie`,
  ),
  'cell.assignment_id': entry<{ value: string }>(['value'], (p) => `${q(p.value)} n’est pas un identifiant d’affectation`, (p) => `${p.value} is not an assignment id`),
  'cell.siret_empty': entry([], () => 'est vide : un SIRET est obligatoire', () => 'is empty: a SIRET is required'),
  'cell.siret_digits': entry<{ value: string }>(['value'], (p) => `${q(p.value)} : un SIRET compte 14 chiffres`, (p) => `${p.value}: must be 14 digits`),
  'cell.siret_leading_zero': entry<{ value: string }>(
    ['value'],
    (p) => `${q(p.value)} n’a que 13 chiffres : le tableur a sans doute enlevé le zéro du début ; mettez la colonne au format Texte et saisissez le SIRET à nouveau`,
    (p) => `${p.value} has only 13 digits: the spreadsheet probably dropped its leading zero; format the column as Text and type the SIRET again`,
  ),
  'cell.siret_scientific': entry<{ value: string }>(
    ['value'],
    (p) =>
      `${q(p.value)} : le tableur a écrit ce SIRET comme un nombre en notation scientifique et ses derniers chiffres sont perdus ; mettez la colonne au format Texte (Format de cellule > Texte), saisissez ou collez les SIRET à nouveau, puis enregistrez`,
    (p) =>
      `${p.value}: the spreadsheet wrote this SIRET as a number in scientific notation and its last digits are lost; format the column as Text (Format Cells > Text), type or paste the SIRETs again, then save`,
  ),
  'cell.siret_check_digit': entry<{ value: string }>(['value'], (p) => `${q(p.value)} : la clé de contrôle du SIRET est fausse`, (p) => `${p.value}: fails the SIRET check digit`),
  'cell.date_invalid': entry<{ value: string }>(
    ['value'],
    (p) => `${q(p.value)} n’est pas une date (ex. 31/03/2026 ou 2026-03-31)`,
    (p) => `${p.value} is not a date (2026-03-31 or 31/03/2026)`,
  ),
  'cell.date_empty': entry([], () => 'est vide : une date est obligatoire (ex. 31/03/2026)', () => 'is empty: a date is required (2026-03-31 or 31/03/2026)'),
  'cell.number_invalid': entry<{ value?: string; what: 'amount' | 'percentage' }>(
    ['what'],
    (p) => `${p.value ? `${q(p.value)} n’est pas` : 'doit être'} ${p.what === 'amount' ? 'un montant en euros' : 'un pourcentage'} positif avec deux décimales au plus (ex. 1 234,50)`,
    (p) => `${p.value ? `${p.value} is not` : 'must be'} ${p.what === 'amount' ? 'an amount in euros' : 'a percentage'} ≥ 0 with at most 2 decimals (e.g. 1 234,50)`,
  ),
  'cell.percent_decimals': entry([], () => 'doit être un pourcentage avec deux décimales au plus (ex. 5 ou 5,25 %)', () => 'must be a percentage with at most 2 decimals (e.g. 5 or 5,25 %)'),
  'cell.percent_range': entry([], () => 'doit être un pourcentage de 0 à 100', () => 'must be a percentage between 0 and 100'),
  'cell.cents_range': entry<{ min: boolean }>(
    [],
    (p) => (p.min ? 'doit valoir au moins 0,01 € (et au plus 20 000 000 €)' : 'doit valoir au plus 20 000 000 €'),
    (p) => (p.min ? 'must be at least 0,01 € (and at most 20 000 000 €)' : 'must be at most 20 000 000 €'),
  ),
  'cell.department_invalid': entry<{ value: string }>(['value'], (p) => `${q(p.value)} n’est pas un code de département INSEE (ex. 93)`, (p) => `${p.value} is not an INSEE department code (e.g. 93)`),
  'cell.department_empty': entry([], () => 'est vide : un département est obligatoire (ex. 93)', () => 'is empty: a department is required (e.g. 93)'),
  'cell.enum_invalid': entry<{ value: string; expected: string[] }>(
    ['expected'],
    (p, s) => `${p.value ? q(p.value) : '(vide)'} n’est pas une valeur attendue : ${s.or(p.expected)}`,
    (p, s) => `${p.value || '(empty)'} is not one of: ${s.or(p.expected)}`,
  ),
  'cell.social_consideration': entry<{ value: string; expected: string[] }>(
    ['value', 'expected'],
    (p, s) => `${q(p.value)} n’est pas une considération sociale : ${s.or(p.expected)}`,
    (p, s) => `${p.value} is not one of: ${s.or(p.expected)}`,
  ),
  'cell.yes_no': entry<{ value: string }>([], (p) => `${p.value ? q(p.value) : '(vide)'} n’est ni oui ni non`, (p) => `${p.value || '(empty)'} is not oui or non`),
  'cell.cpv': entry<{ value: string }>(
    [],
    (p) => `${p.value ? q(p.value) : '(vide)'} : doit être un code CPV comme 45000000 ou 45000000-7`,
    (p) => `${p.value || '(empty)'}: must be a CPV code like 45000000 or 45000000-7`,
  ),
  'cell.amount_required': entry([], () => 'est vide : le montant hors taxes est obligatoire (en euros)', () => 'is empty: the amount excluding tax is required (euros)'),
  'cell.name_letters': entry([], () => 'doit contenir des lettres', () => 'must contain letters'),
  'cell.birth_date_range': entry<{ from: string }>(['from'], (p, s) => `doit être entre le ${s.date(p.from)} et aujourd’hui`, (p) => `must be between ${p.from} and today`),
  'cell.commune': entry([], () => 'doit être un code de commune INSEE (5 caractères, ex. 93066)', () => 'must be an INSEE commune code (5 characters, e.g. 93066)'),
  'cell.rome': entry([], () => 'doit être un code ROME : une lettre de A à N et 4 chiffres, ex. F1703', () => 'must be a ROME code: a letter A-N and 4 digits, e.g. F1703'),
  'cell.unreadable_characters': entry(
    [],
    () => 'contient des caractères illisibles : le fichier n’est pas entièrement en UTF-8 ; enregistrez-le à nouveau en « CSV UTF-8 » ou en « CSV (séparateur : point-virgule) »',
    () => 'holds unreadable characters: the file is not UTF-8 throughout; save it again as "CSV UTF-8" or "CSV (semicolon delimited)"',
  ),
};
