import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from './formula-injection';

/**
 * Rows of a CSV as French Excel reads it: `;` between cells, CRLF line ends; with `bom`, the UTF-8
 * byte order mark that makes Excel read the file as UTF-8 (only at the start of a file). Every text
 * cell goes through neutraliseFormula. A cell holding a comma is quoted as well: a program that
 * splits on commas then cannot start a new cell, and a formula, in the middle of one (OWASP).
 */
export function frenchCsvRows(rows: readonly (readonly string[])[], { bom = false } = {}): string {
  return stringify(rows as string[][], { delimiter: ';', record_delimiter: '\r\n', quoted_match: ',', bom, cast: { string: neutraliseFormula } });
}
