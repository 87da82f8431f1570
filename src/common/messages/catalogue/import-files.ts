import type { AnyMessage } from '../entry';
import { entry } from '../entry';

/**
 * An uploaded file as a whole: why it cannot be imported at all (a missing column, a file that is
 * not a spreadsheet), and what becomes of the import.
 */
export const IMPORT_FILES = {
  'import.file_required': entry([], () => 'joignez le fichier dans le champ multipart « file »', () => 'file: attach the file as multipart field "file"'),
  'import.file_kind': entry<{ fileName: string; looksLike: string }>(
    ['fileName', 'looksLike'],
    (p, s) => `le fichier ${p.fileName} ressemble à ${s.say({ key: `import.looks_like.${p.looksLike}` })}, pas à un fichier CSV ou Excel (.xlsx)${hint(p.looksLike, 'fr')}`,
    (p, s) => `the file ${p.fileName} looks like ${s.say({ key: `import.looks_like.${p.looksLike}` })}, not a CSV or Excel (.xlsx) file${hint(p.looksLike, 'en')}`,
  ),
  'import.looks_like.pdf': entry([], () => 'un PDF', () => 'a PDF'),
  'import.looks_like.xls': entry([], () => 'un classeur Excel 97-2003 (.xls)', () => 'an Excel 97-2003 workbook (.xls)'),
  'import.looks_like.ods': entry([], () => 'un classeur LibreOffice (.ods)', () => 'a LibreOffice spreadsheet (.ods)'),
  'import.looks_like.docx': entry([], () => 'un document Word', () => 'a Word document'),
  'import.looks_like.zip': entry([], () => 'une archive ZIP', () => 'a ZIP archive'),
  'import.looks_like.image': entry([], () => 'une image', () => 'an image'),
  'import.looks_like.html': entry([], () => 'une page web (HTML)', () => 'a web page (HTML)'),
  'import.looks_like.binary': entry([], () => 'un fichier binaire', () => 'a binary file'),
  'import.looks_like.empty': entry([], () => 'un fichier vide', () => 'an empty file'),
  'import.file_field': entry([], () => 'doit être un fichier .csv ou .xlsx', () => 'must be a .csv or .xlsx file'),
  'import.onboarding_needs_xlsx': entry<{ fileName: string }>(
    ['fileName'],
    (p) =>
      `le fichier ${p.fileName} ne peut pas servir : une reprise de données tient en plusieurs tables (entreprises, marches, beneficiaires, affectations, heures), ce qu’un CSV ne peut pas : déposez un classeur Excel (.xlsx), une feuille par table (GET /imports/templates/onboarding.xlsx)`,
    (p) =>
      `${p.fileName}: an onboarding set holds several tables (entreprises, marches, beneficiaires, affectations, heures), which a CSV cannot: upload an Excel workbook (.xlsx), one sheet per table (GET /imports/templates/onboarding.xlsx)`,
  ),
  'import.onboarding_field': entry([], () => 'doit être un classeur .xlsx pour une reprise (kind onboarding)', () => 'must be a .xlsx workbook for kind onboarding'),
  'import.unknown_template': entry<{ name: string; templates: string[] }>(
    ['name', 'templates'],
    (p, s) => `pas de modèle ${p.name} : ${s.or(p.templates)}`,
    (p, s) => `No template ${p.name}: ${s.or(p.templates)}`,
  ),
  'import.not_ready': entry<{ status: string; analysing: boolean }>(
    ['status'],
    (p) => `l’import est à l’état ${p.status}${p.analysing ? ' et son analyse n’est pas terminée' : ''} : seul un import analysé peut être confirmé`,
    (p) => `The import is ${p.status}${p.analysing ? ' and its dry run has not finished' : ''}: only an analysed import can be confirmed`,
  ),
  'import.queue_unavailable': entry([], () => 'la file des traitements ne répond pas : réessayez plus tard', () => 'The job queue is unavailable; try again later'),
  'import.queue_failed': entry([], () => 'la file des traitements n’a pas répondu : déposez le fichier à nouveau', () => 'The job queue did not answer; upload the file again'),
  'import.file_gone': entry([], () => 'le fichier déposé n’est plus disponible : déposez-le à nouveau', () => 'The uploaded file is no longer available: upload it again'),
  'import.expired': entry<{ days: number }>(
    ['days'],
    (p) => `import non confirmé dans les ${p.days} jours : le fichier a été supprimé, déposez-le à nouveau`,
    (p) => `Not confirmed within ${p.days} days: the file was deleted; upload it again`,
  ),
  'import.rows_refused': entry<{ count: number; importId: string }>(
    ['count', 'importId'],
    (p, s) =>
      `${s.count(p.count)} ligne(s) refusée(s) : rien n’a été importé. Corrigez-les (GET /imports/${p.importId}/refused-rows) et déposez le fichier à nouveau, ou confirmez en mode keep_valid`,
    (p) => `${p.count} row(s) refused: nothing was imported. Correct them (GET /imports/${p.importId}/refused-rows) and upload again, or confirm with mode keep_valid.`,
  ),
  'import.analysis_failed': entry<{ detail: string }>(['detail'], (p) => `le fichier n’a pas pu être analysé : ${p.detail}`, (p) => `The file could not be analysed: ${p.detail}`),
  'import.apply_failed': entry<{ detail: string }>(['detail'], (p) => `l’import a échoué et rien n’a été écrit : ${p.detail}`, (p) => `The import failed and nothing was written: ${p.detail}`),
  'import.not_hours_file': entry<{ problems: AnyMessage[] }>(
    ['problems'],
    (p, s) => `le fichier ne peut pas être lu comme un relevé d’heures mensuel : ${p.problems.map(s.say).join(' ; ')}`,
    (p, s) => `The file cannot be read as a monthly hours statement: ${p.problems.map(s.say).join('; ')}`,
  ),
  'import.missing_column': entry<{ column: string; description: string }>(
    ['column', 'description'],
    (p) => `il manque la colonne « ${p.column} » (${p.description})`,
    (p) => `missing column "${p.column}" (${p.description})`,
  ),
  'import.identification_columns': entry<{ local: boolean }>(
    [],
    (p) => `le fichier doit avoir une colonne « affectation », ou les colonnes ${p.local ? '« identifiant_beneficiaire » (ou « code_beneficiaire »)' : '« code_beneficiaire »'} et « reference_marche »`,
    (p) => `the file needs a column "affectation", or the columns ${p.local ? '"identifiant_beneficiaire" (or "code_beneficiaire")' : '"code_beneficiaire"'} and "reference_marche"`,
  ),
  'import.csv_quote_not_closed': entry<{ line: number }>(
    ['line'],
    (p) => `le fichier ne peut pas être lu comme un CSV : un guillemet ouvert après la ligne ${p.line} n’est jamais fermé`,
    (p) => `The file cannot be read as CSV: a quote opened after line ${p.line} is never closed`,
  ),
  'import.csv_unreadable': entry<{ detail: string }>(['detail'], (p) => `le fichier ne peut pas être lu comme un CSV : ${p.detail}`, (p) => `The file cannot be read as CSV: ${p.detail}`),
  'import.xlsx_damaged': entry<{ detail: string }>(
    ['detail'],
    (p) => `le fichier ne peut pas être lu comme un classeur Excel : il semble abîmé ou incomplet (${p.detail}) ; enregistrez-le à nouveau depuis Excel et déposez-le à nouveau`,
    (p) => `The file cannot be read as an Excel workbook: it looks damaged or incomplete (${p.detail}); save it again from Excel and upload it again`,
  ),
  'import.sheet_twice': entry<{ first: string; second: string; table: string }>(
    ['first', 'second', 'table'],
    (p) => `les feuilles « ${p.first} » et « ${p.second} » contiennent toutes deux la table ${p.table} : gardez-en une`,
    (p) => `The sheets "${p.first}" and "${p.second}" both hold the ${p.table} table: keep one`,
  ),
  'import.sheet_unreadable': entry<{ sheet: string; table: string; problems: AnyMessage[] }>(
    ['sheet', 'table', 'problems'],
    (p, s) => `la feuille « ${p.sheet} » ne peut pas être lue comme la table ${p.table} : ${p.problems.map(s.say).join(' ; ')}`,
    (p, s) => `Sheet "${p.sheet}" cannot be read as the ${p.table} table: ${p.problems.map(s.say).join('; ')}`,
  ),
  'import.assignment_person_column': entry(
    [],
    () => 'la feuille doit avoir une colonne « identifiant_beneficiaire » ou « code_beneficiaire »',
    () => 'the sheet needs a column "identifiant_beneficiaire" or "code_beneficiaire"',
  ),
  'import.no_onboarding_sheet': entry<{ names: string[] }>(
    ['names'],
    (p, s) => `le classeur n’a aucune des feuilles d’une reprise de données (${s.and(p.names)}) : voir GET /imports/templates/onboarding.xlsx`,
    (p, s) => `The workbook has none of the sheets of an onboarding set (${s.and(p.names)}): see GET /imports/templates/onboarding.xlsx`,
  ),
  /** A line of the file of refused rows: where, then why. */
  'import.refused_row': entry<{ line: number; column?: string | null; reason: AnyMessage }>(
    ['line', 'reason'],
    (p, s) => `ligne ${p.line}${p.column ? `, ${p.column}` : ''} : ${s.say(p.reason)}`,
    (p, s) => `line ${p.line}${p.column ? `, ${p.column}` : ''}: ${s.say(p.reason)}`,
  ),
  'import.first_row_again': entry<{ lines: number[] }>(
    ['lines'],
    (p, s) => `rien à corriger sur cette ligne : elle est redonnée car ${p.lines.length > 1 ? `les lignes ${s.and(p.lines.map(String))} la complètent` : `la ligne ${p.lines[0]} la complète`}`,
    (p, s) => `nothing to correct on this line: it comes back because ${p.lines.length > 1 ? `lines ${s.and(p.lines.map(String))} continue it` : `line ${p.lines[0]} continues it`}`,
  ),
};

/** What to do about a file that is not a spreadsheet of ours, when there is something to do. */
function hint(kind: string, locale: 'fr' | 'en'): string {
  const hints: Record<string, [string, string]> = {
    xls: [' : enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV (séparateur : point-virgule) »', ': save it as "Excel Workbook (.xlsx)" or "CSV (semicolon delimited)"'],
    ods: [' : enregistrez-le au format « Excel 2007-365 (.xlsx) » ou CSV', ': save it as "Excel 2007-365 (.xlsx)" or CSV'],
  };
  const h = hints[kind];
  return h ? h[locale === 'fr' ? 0 : 1] : '';
}
