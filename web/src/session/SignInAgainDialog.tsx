import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { showApiErrors } from '../forms/api-errors';

interface Props {
  email: string;
  signIn: (password: string) => Promise<void>;
  giveUp: () => void;
}

/**
 * Over the page, when the session ended while someone was working: the page underneath, and what was
 * typed in it, stays as it was; once signed in again, the refused request goes through.
 */
export function SignInAgainDialog({ email, signIn, giveUp }: Props) {
  const form = useForm<{ password: string }>({ defaultValues: { password: '' } });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = form.handleSubmit(async ({ password }) => {
    setProblem(null);
    try {
      await signIn(password);
    } catch (e) {
      setProblem(showApiErrors(e, form.setError, ['password']));
    }
  });

  return (
    <Modal opened onClose={giveUp} title="Votre session a expiré" closeOnClickOutside={false} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            Reconnectez-vous pour continuer : votre saisie est conservée et votre dernière action sera envoyée.
          </Text>
          <Text size="sm">
            Compte : <strong>{email}</strong>
          </Text>
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <PasswordInput label="Mot de passe" autoComplete="current-password" data-autofocus error={form.formState.errors.password?.message} {...form.register('password')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={giveUp}>
              Se déconnecter
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              Se reconnecter
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
