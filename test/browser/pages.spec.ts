import { DEMO, expect, expectAccessible, screenshot, signIn, test } from './fixtures';

test('an unknown address shows the "not found" page, inside the application', async ({ page }) => {
  await signIn(page, DEMO.facilitator);
  await expect(page.getByRole('heading', { level: 1, name: 'Mes marchés suivis' })).toBeVisible();
  await page.goto('/nulle-part/ici');
  await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'not-found');
  await page.getByRole('link', { name: 'Revenir à mon accueil' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes marchés suivis' })).toBeFocused();
});

test('a page of another role shows the "not allowed" page', async ({ page }) => {
  await signIn(page, DEMO.company);
  await expect(page.getByRole('heading', { level: 1, name: 'Mes marchés' })).toBeVisible();
  await page.goto('/facilitateur');
  await expect(page.getByRole('heading', { level: 1, name: 'Accès non autorisé' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'forbidden');
});

test('the first Tab offers to skip to the content', async ({ page }) => {
  await signIn(page, DEMO.facilitator);
  await expect(page.getByRole('heading', { level: 1, name: 'Mes marchés suivis' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes marchés suivis' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
