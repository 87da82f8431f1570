import { Anchor, Box, Container, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of the pages before sign-in: a banner with the name, one main column. */
export function PublicPage({ children }: { children: ReactNode }) {
  return (
    <>
      <Box component="header" px="md" py="sm" bg="petrol.8">
        <Anchor href="/" c="white" fw={700} size="lg" underline="never">
          Clausier
        </Anchor>
      </Box>
      <Container component="main" id="contenu" size={460} py="xl">
        <Paper withBorder p="lg" radius="md">
          {children}
        </Paper>
      </Container>
    </>
  );
}
