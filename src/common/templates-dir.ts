import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * templates/ (report layouts, import templates, fonts) sits at the repository root: two levels up
 * from src/common when run from sources (tests), three from dist/src/common once built.
 */
export function templatesDir(): string {
  const candidates = [resolve(__dirname, '../../templates'), resolve(__dirname, '../../../templates')];
  const found = candidates.find((d) => existsSync(join(d, 'report-fr.json')));
  if (!found) throw new Error(`Templates not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** A JSON file of templates/, parsed. */
export function readTemplate<T>(relativePath: string): T {
  return JSON.parse(readFileSync(join(templatesDir(), relativePath), 'utf8')) as T;
}
