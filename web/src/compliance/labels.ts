import type { components } from '../api/schema';

type ClauseView = components['schemas']['ClauseComplianceView'];
export type ClauseStatus = ClauseView['status'];
export type ClauseKind = ClauseView['kind'];

/**
 * The French names of the clause statuses (DOMAIN rule 8) and how each is shown: a light tint of
 * `color` behind `text`, dark enough to read at 4.5:1 or more (the status is also in words).
 */
export const STATUS: Record<ClauseStatus, { label: string; color: string; text: string }> = {
  not_started: { label: 'Pas commencée', color: 'gray', text: '#3d4147' },
  on_track: { label: 'Dans les temps', color: 'green', text: '#1d5a2a' },
  at_risk: { label: 'À surveiller', color: 'orange', text: '#833c00' },
  behind: { label: 'En retard', color: 'red', text: '#9b1c1c' },
  achieved: { label: 'Atteinte', color: 'teal', text: '#0b5249' },
  failed: { label: 'Non atteinte', color: 'red', text: '#7a1010' },
  not_applicable: { label: 'Sans objet', color: 'gray', text: '#3d4147' },
};

export const CLAUSE_KIND: Record<ClauseKind, string> = {
  insertion_hours: 'Heures d’insertion',
  sme_share: 'Part des PME',
  reserved: 'Marché réservé',
};
