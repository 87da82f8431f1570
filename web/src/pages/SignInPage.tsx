import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { isServerPage, safeReturnPath } from '../app/safe-return';
import { showApiErrors } from '../forms/api-errors';
import { HOME_BY_ROLE } from '../layout/navigation';
import { PageTitle } from '../layout/PageTitle';
import { PublicPage } from '../layout/PublicPage';
import { useSession } from '../session/session';

interface SignInForm {
  email: string;
  password: string;
}

export function SignInPage() {
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useForm<SignInForm>({ defaultValues: { email: '', password: '' } });
  const [problem, setProblem] = useState<string | null>(null);
  const retour = safeReturnPath(params.get('retour'));

  const submit = form.handleSubmit(async ({ email, password }) => {
    setProblem(null);
    try {
      const me = await signIn(email, password);
      const target = retour ?? HOME_BY_ROLE[me.role];
      if (isServerPage(target)) window.location.assign(target);
      else navigate(target, { replace: true });
    } catch (e) {
      setProblem(showApiErrors(e, form.setError, ['email', 'password']));
    }
  });

  if (user && !form.formState.isSubmitting && !form.formState.isSubmitSuccessful) return <Navigate to={HOME_BY_ROLE[user.role]} replace />;
  return (
    <PublicPage>
      <form onSubmit={submit} noValidate>
        <Stack>
          <PageTitle title="Connexion">Connexion</PageTitle>
          {problem && (
            <Alert color="red" role="alert" title="Connexion impossible">
              {problem}
            </Alert>
          )}
          <TextInput label="Adresse électronique" type="email" autoComplete="username" required error={form.formState.errors.email?.message} {...form.register('email')} />
          <PasswordInput label="Mot de passe" autoComplete="current-password" required error={form.formState.errors.password?.message} {...form.register('password')} />
          <Button type="submit" loading={form.formState.isSubmitting}>
            Se connecter
          </Button>
          <Text size="sm">
            Vous avez reçu une invitation ?{' '}
            <Anchor component={Link} to="/invitation">
              Choisir mon mot de passe
            </Anchor>
          </Text>
        </Stack>
      </form>
    </PublicPage>
  );
}
