import { sign, decode } from 'jsonwebtoken';
import { Client } from 'pg';
import { gzipSync } from 'node:zlib';
import { TEST_SERVER } from '../helpers/database';
import { DEMO, expect, expectAccessible, newFacilitator, screenshot, signIn, test } from './fixtures';
import { SERVICE_ENV } from './service';

const HOME = 'Mes marchés suivis';

test('a facilitator signs in, keeps the session over a reload, and signs out', async ({ page, context }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/connexion/);
  await expectAccessible(page);
  await screenshot(page, 'sign-in');

  await signIn(page, DEMO.facilitator);
  await expect(page.getByRole('heading', { level: 1, name: HOME })).toBeVisible();
  await expect(page).toHaveURL(/\/facilitateur$/);
  await expect(page.getByRole('banner')).toContainText('Maison de l’emploi Plaine Commune');

  // The refresh token is in a cookie scripts cannot read; no token is kept in the page's storage.
  const [cookie] = (await context.cookies()).filter((c) => c.name === 'clausier_refresh');
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/api' });
  const visible = await page.evaluate(() => ({ cookies: document.cookie, local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
  expect(visible).toEqual({ cookies: '', local: '{}', session: '{}' });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: HOME })).toBeVisible();

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  expect((await context.cookies()).filter((c) => c.name === 'clausier_refresh')).toEqual([]);
  await page.goto('/facilitateur');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Ffacilitateur$/);
});

test('the first page loads at most 500 kB of gzipped JavaScript, with no inline script', async ({ page }) => {
  const scripts: Buffer[] = [];
  page.on('response', async (res) => {
    if (res.request().resourceType() === 'script') scripts.push(await res.body());
  });
  await page.goto('/connexion');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  const gzipped = scripts.reduce((sum, body) => sum + gzipSync(body).length, 0);
  expect(gzipped).toBeGreaterThan(0);
  expect(gzipped).toBeLessThanOrEqual(500 * 1024);
  expect(await page.locator('script:not([src])').count()).toBe(0);
});

test('an expired access token is renewed from the session cookie without the person noticing', async ({ page, request }) => {
  const account = await newFacilitator(request);
  const login = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/browser/login'));
  await signIn(page, account);
  const { accessToken } = await (await login).json();
  await expect(page.getByRole('table')).toBeVisible();

  // The next figures request carries a token of this very session that expired a minute ago.
  const { sub, sid } = decode(accessToken) as { sub: string; sid: string };
  const expired = sign({ sub, sid, exp: Math.floor(Date.now() / 1000) - 60 }, process.env[SERVICE_ENV.tokenSecret]!, { algorithm: 'HS256' });
  let replaced = false;
  await page.route('**/api/v1/compliance/contracts?*', async (route) => {
    if (replaced) return route.continue();
    replaced = true;
    await route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${expired}` } });
  });
  const refused = page.waitForResponse((r) => r.url().includes('/api/v1/compliance/contracts') && r.status() === 401);
  const renewed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/browser/refresh') && r.status() === 200);
  await page.getByLabel('Situation au').fill('2026-03-31');
  await refused;
  await renewed;
  await expect(page.getByText('situation au 31/03/2026')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(replaced).toBe(true);
});

test('a session that ended asks for the password over the page, keeps what was typed, and goes on', async ({ page, request }) => {
  const account = await newFacilitator(request);
  await signIn(page, account);
  await expect(page.getByRole('table')).toBeVisible();

  // Ended elsewhere (revoked, as an administrator or another sign-out would).
  const db = new Client({ connectionString: `${TEST_SERVER}/${process.env[SERVICE_ENV.database]}` });
  await db.connect();
  await db.query(`UPDATE sessions SET revoked_at = now() FROM users WHERE users.id = sessions.user_id AND users.email = $1`, [account.email]);
  await db.end();

  await page.getByLabel('Situation au').fill('2026-06-30');
  const dialog = page.getByRole('dialog', { name: 'Votre session a expiré' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'session-ended-dialog');
  await dialog.getByLabel('Mot de passe').fill(account.password);
  await dialog.getByRole('button', { name: 'Se reconnecter' }).click();

  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('situation au 30/06/2026')).toBeVisible();
  await expect(page.getByLabel('Situation au')).toHaveValue('2026-06-30');
  await expect(page.getByRole('heading', { level: 1, name: HOME })).toBeVisible();
});

test('two tabs reloaded at once both keep the session', async ({ context, request }) => {
  const account = await newFacilitator(request);
  const first = await context.newPage();
  await signIn(first, account);
  await expect(first.getByRole('heading', { level: 1, name: HOME })).toBeVisible();
  const second = await context.newPage();
  await second.goto('/facilitateur');
  await expect(second.getByRole('heading', { level: 1, name: HOME })).toBeVisible();

  // Each tab renews its access token with the one cookie they share: a refresh is held until the
  // other tab's arrives (or 2 s pass), so that two sent at once reach the API at once.
  let held: (() => void) | null = null;
  await context.route('**/api/v1/auth/browser/refresh', async (route) => {
    if (held) {
      held();
      return route.continue();
    }
    await new Promise<void>((release) => {
      held = release;
      setTimeout(release, 2_000);
    });
    held = null;
    await route.continue();
  });
  await Promise.all([first.reload(), second.reload()]);
  for (const tab of [first, second]) await expect(tab.getByRole('heading', { level: 1, name: HOME })).toBeVisible();
  await second.reload();
  await expect(second.getByRole('heading', { level: 1, name: HOME })).toBeVisible();
});
