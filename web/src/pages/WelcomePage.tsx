import { Anchor, Stack, Text } from '@mantine/core';
import { PageTitle } from '../layout/PageTitle';
import { useUser } from '../session/session';

/** Roles whose screens come later (buyers, regional staff, admins): where to find their tools today. */
export function WelcomePage() {
  const user = useUser();
  return (
    <Stack gap="sm">
      <PageTitle title="Accueil">Bienvenue, {user.displayName}</PageTitle>
      <Text>Les écrans de votre espace arrivent prochainement. En attendant, toutes les données restent accessibles par l’API.</Text>
      <Anchor href="/api/docs">Documentation de l’API</Anchor>
      {user.role === 'admin' && <Anchor href="/api/admin/queues">Tableau des tâches de fond</Anchor>}
    </Stack>
  );
}
