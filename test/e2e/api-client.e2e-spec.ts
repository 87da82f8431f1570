import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../helpers/app';

/** The web application's types of every route, generated from the service's own OpenAPI document. */
const CLIENT = join(__dirname, '../../web/src/api/schema.d.ts');
const HEADER = '// Generated from the API\'s OpenAPI document by `npm run api:client`: do not edit.\n';

/**
 * Fails when the committed client no longer matches the API (a route, a field or an enum changed
 * without regenerating it). `npm run api:client` runs this same file with UPDATE_API_CLIENT=1 to
 * write the file instead, so the document is read from one place: the running service.
 */
describe('generated API client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  /** openapi-typescript's own command (its library is ES modules only, which jest cannot load here). */
  function generate(doc: object): string {
    const dir = mkdtempSync(join(tmpdir(), 'clausier-openapi-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      execFileSync(process.execPath, [join(__dirname, '../../node_modules/openapi-typescript/bin/cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'schema.d.ts')], { stdio: 'pipe' });
      return HEADER + readFileSync(join(dir, 'schema.d.ts'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('is up to date with the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const generated = generate(doc);
    if (process.env.UPDATE_API_CLIENT === '1') writeFileSync(CLIENT, generated);
    const committed = readFileSync(CLIENT, 'utf8').split('\n');
    const line = generated.split('\n').findIndex((l, i) => l !== committed[i]);
    if (line >= 0) throw new Error(`web/src/api/schema.d.ts is stale from line ${line + 1} on: run npm run api:client and commit it`);
  });
});
