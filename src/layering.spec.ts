import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { preProcessFile } from 'typescript';

/**
 * The two floors of the code base, which import nothing above them:
 * - src/database/ holds the primitives (connection, transaction, naming, prepared statements); the
 *   entities and migrations are registered where the processes are wired (src/app-schema.ts);
 * - a migration is frozen: it carries the SQL it ran, so a later change of live code never changes it.
 */
const ROOT = resolve(__dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Each relative import (static, dynamic or require) of the files under `dir` that leaves `dir`, as "file -> target". */
function importsLeaving(dir: string): string[] {
  const floor = resolve(ROOT, dir);
  return tsFiles(floor).flatMap((file) =>
    preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name))
      .filter((target) => !(target + sep).startsWith(floor + sep))
      .map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`),
  );
}

describe('layering', () => {
  it('src/database/ imports nothing from the rest of src/ (nor the migrations)', () => {
    expect(importsLeaving('src/database')).toEqual([]);
  });

  it('no migration imports from src/: each carries the SQL it ran', () => {
    expect(importsLeaving('migrations')).toEqual([]);
  });
});
