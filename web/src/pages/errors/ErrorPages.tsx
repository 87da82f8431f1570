import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from '../../layout/PageTitle';

/** 403: the person is signed in, but this page is not for their role. */
export function ForbiddenPage() {
  return (
    <Stack gap="sm">
      <PageTitle title="Accès non autorisé">Accès non autorisé</PageTitle>
      <Text>Votre compte ne donne pas accès à cette page. Si vous en avez besoin, demandez-le à l’administrateur de Clausier de votre structure.</Text>
      <Anchor component={Link} to="/">
        Revenir à mon accueil
      </Anchor>
    </Stack>
  );
}

/** 404: an unknown address, or a record that does not exist (or that the person may not see). */
export function NotFoundPage() {
  return (
    <Stack gap="sm">
      <PageTitle title="Page introuvable">Page introuvable</PageTitle>
      <Text>Cette adresse ne correspond à aucune page de Clausier, ou ce qu’elle désigne n’existe pas ou plus.</Text>
      <Anchor component={Link} to="/">
        Revenir à mon accueil
      </Anchor>
    </Stack>
  );
}
