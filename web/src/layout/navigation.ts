import type { Role } from '../session/session';

export interface NavLink {
  to: string;
  label: string;
}

/** Each role's home: where "/" and the sign-in lead. */
export const HOME_BY_ROLE: Record<Role, string> = {
  facilitator: '/facilitateur',
  company: '/entreprise',
  buyer: '/bienvenue',
  regional_staff: '/bienvenue',
  admin: '/bienvenue',
};

/** The navigation each role sees; a page's own access is checked by its route (RequireRole) and by the API. */
export const NAVIGATION: Record<Role, NavLink[]> = {
  facilitator: [{ to: '/facilitateur', label: 'Mes marchés suivis' }],
  company: [{ to: '/entreprise', label: 'Mes marchés' }],
  buyer: [{ to: '/bienvenue', label: 'Accueil' }],
  regional_staff: [{ to: '/bienvenue', label: 'Accueil' }],
  admin: [{ to: '/bienvenue', label: 'Accueil' }],
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administration',
  regional_staff: 'Mission régionale',
  facilitator: 'Facilitateur',
  buyer: 'Acheteur public',
  company: 'Entreprise',
};
