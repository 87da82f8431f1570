import { Anchor, createTheme, Modal, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * Clausier's own sober theme (not the State's design system, reserved to State services): a deep
 * petrol blue whose darker shades keep at least 4.5:1 contrast on white for text and buttons (RGAA).
 */
const petrol: MantineColorsTuple = ['#e8f3f6', '#d3e4ea', '#a6c8d4', '#76abbd', '#5093aa', '#3a849e', '#2b7189', '#1d5e74', '#144f63', '#083f51'];

export const theme = createTheme({
  primaryColor: 'petrol',
  primaryShade: 7,
  colors: { petrol },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'sm',
  // Focus ring on keyboard focus only, in every component.
  focusRing: 'auto',
  components: {
    // A link inside a sentence must not be told apart by its colour alone.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Fermer' } } }),
  },
});

/** Mantine's "dimmed" grey reads at 3.3:1 on white; this one at 6.4:1, as secondary text needs. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c5f66' },
  dark: {},
});
