import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../helpers/app';

/**
 * The web application served by the API process: files as built, index.html for the application's
 * own addresses, /api left to the API. A stand-in build is enough here; the real one is opened by
 * the browser tests (test/browser).
 */
describe('web application served beside the API', () => {
  let t: TestApp;
  let dir: string;
  const INDEX = '<!doctype html><html lang="fr"><body><div id="root"></div><script type="module" src="/assets/index-Ab12Cd34.js"></script></body></html>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clausier-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("clausier")');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({ WEB_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = (path: string) => t.http().get(path).set('Accept', 'text/html,application/xhtml+xml');

  it('opens the application at / and at any of its own addresses, revalidated on each visit', async () => {
    for (const path of ['/', '/connexion', '/facilitateur/marches/123?at=2026-06-30']) {
      const res = await page(path).expect(200);
      expect(res.text).toBe(INDEX);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('keeps the strict content security policy: scripts from the site only, none inline', async () => {
    const res = await page('/').expect(200);
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(res.headers['content-security-policy'])?.[1];
    expect(scriptSrc?.trim()).toBe("'self'");
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('lets the browser keep hashed assets for a year, and answers 404 for a missing one', async () => {
    const asset = await t.http().get('/assets/index-Ab12Cd34.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await t.http().get('/assets/index-Old00000.js').set('Accept', '*/*').expect(404);
    expect(missing.text).not.toContain('<div id="root">');
    await page('/assets/gone.css').expect(404);
    const icon = await t.http().get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves /api to the API: an unknown API route is its JSON 404, not the application', async () => {
    const res = await page('/api/v1/no-such-route').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: expect.any(String) });
    await t.http().get('/api/health').expect((r) => expect([200, 503]).toContain(r.status));
    await page('/api/docs').expect(200).expect(/swagger/i);
  });
});
