import { makeSiret } from '../helpers/siret';
import { apiToken, DEMO, expect, expectAccessible, invite, screenshot, test } from './fixtures';

test('an invited facilitator chooses a password, sees the API\'s reason beside the field, and lands on an empty home', async ({ page, request }) => {
  // A structure of the Creuse (23), where the demo data has no contract: its home is empty.
  const admin = await apiToken(request, DEMO.admin);
  const structure = await request.post('/api/v1/organisations', {
    headers: { Authorization: `Bearer ${admin}` },
    data: { kind: 'facilitator_structure', name: 'Maison de l’emploi de Guéret', siret: makeSiret(), departmentCodes: ['23'] },
  });
  expect(structure.status()).toBe(201);
  const { token } = await invite(request, 'facilitator', (await structure.json()).id);

  await page.goto(`/invitation#jeton=${token}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Choisir mon mot de passe' })).toBeVisible();
  await expectAccessible(page);

  // Too short: the page shows, beside the field, what the API says of the same request.
  const said = await request.post('/api/v1/auth/accept-invitation', { headers: { 'Accept-Language': 'fr' }, data: { token, password: 'court' } });
  expect(said.status()).toBe(400);
  const { details } = await said.json();
  const password = page.getByLabel('Nouveau mot de passe');
  await password.fill('court');
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(page.getByText(details[0].reason, { exact: true })).toBeVisible();
  await expect(password).toHaveAccessibleDescription(details[0].reason);
  await expect(password).toBeFocused();
  await screenshot(page, 'invitation-refused');

  await password.fill('un mot de passe bien assez long');
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes marchés suivis' })).toBeVisible();
  await expect(page.getByText('Aucun marché à suivre pour l’instant')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'facilitator-home-empty');
});
