import { AppShell, Anchor, Burger, Button, Group, NavLink as MantineNavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink, Outlet } from 'react-router';
import { useUser, useSession } from '../session/session';
import { NAVIGATION, ROLE_LABELS } from './navigation';
import classes from './Shell.module.css';

export const MAIN_ID = 'contenu';

/** The frame of every signed-in page: skip link, banner, navigation, main content, in that order. */
export function Shell() {
  const user = useUser();
  const { signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure();

  return (
    <>
      <a href={`#${MAIN_ID}`} className={classes.skipLink}>
        Aller au contenu
      </a>
      <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
        <AppShell.Header component="header">
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Ouvrir le menu" />
              <Anchor component={NavLink} to="/" fw={700} size="lg" underline="never" c="petrol.8">
                Clausier
              </Anchor>
            </Group>
            <Group gap="md" wrap="nowrap">
              <Text size="sm" visibleFrom="sm">
                {user.displayName}
                <VisuallyHidden>,</VisuallyHidden> <Text span c="dimmed" size="sm">{ROLE_LABELS[user.role]}{user.organisationName ? ` · ${user.organisationName}` : ''}</Text>
              </Text>
              <Button
                variant="default"
                size="xs"
                onClick={async () => {
                  await signOut();
                  // A fresh page: nothing of this person's work stays in the page's memory.
                  window.location.assign('/connexion');
                }}
              >
                Se déconnecter
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar component="nav" aria-label="Navigation principale" p="sm">
          {NAVIGATION[user.role].map((link) => (
            <MantineNavLink key={link.to} component={NavLink} to={link.to} label={link.label} onClick={close} />
          ))}
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1} className={classes.main}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
