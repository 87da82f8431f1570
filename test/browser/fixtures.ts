import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serviceUrl } from './service';

export { expect };

export interface Account {
  email: string;
  password: string;
}

/** The demo data set's accounts (README). Tests that change a session or a user make their own. */
export const DEMO = {
  admin: { email: 'admin@demo.clausier.fr', password: 'demo-admin-clausier' },
  facilitator: { email: 'facilitateur.93@demo.clausier.fr', password: 'demo-facilitateur-93' },
  company: { email: 'entreprise@demo.clausier.fr', password: 'demo-entreprise-gcgp' },
} satisfies Record<string, Account>;

/** Every test talks to the service the global setup started. */
export const test = base.extend({
  baseURL: async ({}, use) => use(serviceUrl()), // eslint-disable-line no-empty-pattern
});

/** An axe-core scan of the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A screenshot to look at, under test-results/screens/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(__dirname, '../../test-results/screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page, as a person does. */
export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** An API client's access token (JSON sign-in), to read what the page should show. */
export async function apiToken(request: APIRequestContext, account: Account): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: account });
  expect(res.status()).toBe(200);
  return (await res.json()).accessToken;
}

export async function apiGet<T>(request: APIRequestContext, token: string, path: string): Promise<T> {
  const res = await request.get(path, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'fr' } });
  expect(res.status(), path).toBe(200);
  return res.json();
}

/** An invitation for a new user of the demo facilitator's structure (or of `organisationId`). */
export async function invite(request: APIRequestContext, role: 'facilitator' | 'company' = 'facilitator', organisationId?: string): Promise<{ email: string; token: string }> {
  const admin = await apiToken(request, DEMO.admin);
  const orgId = organisationId ?? (await apiGet<{ organisationId: string }>(request, await apiToken(request, DEMO.facilitator), '/api/v1/auth/me')).organisationId;
  const email = `navigateur.${randomBytes(4).toString('hex')}@test.clausier.fr`;
  const res = await request.post('/api/v1/users', { headers: { Authorization: `Bearer ${admin}` }, data: { email, displayName: 'Camille Navigateur', role, organisationId: orgId } });
  expect(res.status()).toBe(201);
  return { email, token: (await res.json()).invitationToken };
}

/** A new facilitator of the demo structure (so of its contracts), with a password: a session of its own to end. */
export async function newFacilitator(request: APIRequestContext): Promise<Account> {
  const { email, token } = await invite(request);
  const password = 'un mot de passe assez long';
  expect((await request.post('/api/v1/auth/accept-invitation', { data: { token, password } })).status()).toBe(200);
  return { email, password };
}
