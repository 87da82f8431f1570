import { DEMO, expect, test } from './fixtures';

test('an admin opens the job board with the application\'s session, which signing out ends', async ({ page }) => {
  await page.goto('/api/admin/queues');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fapi%2Fadmin%2Fqueues$/);
  await page.getByLabel('Adresse électronique').fill(DEMO.admin.email);
  await page.getByLabel('Mot de passe').fill(DEMO.admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();

  await expect(page).toHaveURL(/\/api\/admin\/queues/);
  await expect(page.getByText('reports', { exact: true }).first()).toBeVisible();

  await page.goto('/');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await page.goto('/api/admin/queues');
  await expect(page).toHaveURL(/\/connexion\?retour=/);
});
