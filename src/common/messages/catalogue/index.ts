import { entry } from '../entry';
import { FIELD_CONSTRAINTS, FIELD_SENTENCES } from './fields';
import { CONSTRAINTS, HTTP } from './http';
import { IMPORT_CELLS } from './import-cells';
import { IMPORT_FILES } from './import-files';
import { IMPORT_ROWS } from './import-rows';
import { STATEMENTS } from './statements';

/**
 * Every sentence the API says to people, in French and English, by key: the API's stable `code`s
 * (`legal_monthly_cap`), `<code>.<field>` for the reason given for a field of that error, and
 * namespaced keys for the rest (`field.isIn`, `cell.month_invalid`, `import.rows_refused`).
 * Split by theme for reading; one catalogue.
 */
export const CATALOGUE = {
  /** A sentence no entry says yet, kept as its throw site wrote it (and as older imports stored it). */
  text: entry<{ text: string }>(['text'], (p) => p.text, (p) => p.text),
  ...HTTP,
  ...CONSTRAINTS,
  ...FIELD_CONSTRAINTS,
  ...FIELD_SENTENCES,
  ...STATEMENTS,
  ...IMPORT_FILES,
  ...IMPORT_CELLS,
  ...IMPORT_ROWS,
};
