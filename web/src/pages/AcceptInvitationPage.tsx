import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLocation, useNavigate } from 'react-router';
import { showApiErrors } from '../forms/api-errors';
import { HOME_BY_ROLE } from '../layout/navigation';
import { PageTitle } from '../layout/PageTitle';
import { PublicPage } from '../layout/PublicPage';
import { useSession } from '../session/session';

interface InvitationForm {
  token: string;
  password: string;
}

/**
 * The invited person chooses a password. The invitation link carries its token after `#jeton=`:
 * the part of an address after # never leaves the browser, so the token is in no server's log.
 */
export function AcceptInvitationPage() {
  const { acceptInvitation } = useSession();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const tokenInLink = new URLSearchParams(hash.slice(1)).get('jeton') ?? '';
  const form = useForm<InvitationForm>({ defaultValues: { token: tokenInLink, password: '' } });
  const [problem, setProblem] = useState<string | null>(null);

  const submit = form.handleSubmit(async ({ token, password }) => {
    setProblem(null);
    try {
      const me = await acceptInvitation(token.trim(), password);
      navigate(HOME_BY_ROLE[me.role], { replace: true });
    } catch (e) {
      setProblem(showApiErrors(e, form.setError, tokenInLink ? ['password'] : ['token', 'password']));
    }
  });

  return (
    <PublicPage>
      <form onSubmit={submit} noValidate>
        <Stack>
          <PageTitle title="Choisir mon mot de passe">Choisir mon mot de passe</PageTitle>
          <Text size="sm">Votre administrateur vous a invité à utiliser Clausier. Choisissez le mot de passe de votre compte : vous serez connecté aussitôt.</Text>
          {problem && (
            <Alert color="red" role="alert" title="Invitation non acceptée">
              {problem}
            </Alert>
          )}
          {!tokenInLink && (
            <TextInput label="Code d’invitation" description="Le code que votre administrateur vous a transmis" autoComplete="off" required error={form.formState.errors.token?.message} {...form.register('token')} />
          )}
          <PasswordInput label="Nouveau mot de passe" autoComplete="new-password" required error={form.formState.errors.password?.message} {...form.register('password')} />
          <Button type="submit" loading={form.formState.isSubmitting}>
            Enregistrer et me connecter
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
