import type { OrganisationKind } from '../organisations/organisation.entity';

export const ROLES = ['admin', 'regional_staff', 'facilitator', 'buyer', 'company'] as const;
export type Role = (typeof ROLES)[number];

/** The kind of organisation each role belongs to; an admin belongs to the platform (no organisation). */
export const ROLE_ORGANISATION_KIND: Record<Role, OrganisationKind | null> = {
  admin: null,
  regional_staff: 'regional_mission',
  facilitator: 'facilitator_structure',
  buyer: 'contracting_authority',
  company: 'company',
};

/** A signed-in person, with what their organisation covers, loaded once per request. */
export interface UserActor {
  kind: 'user';
  userId: string;
  sessionId: string;
  email: string;
  role: Role;
  organisationId: string | null;
  /**
   * The departments the actor's organisation covers: a facilitator structure's own departments, or
   * every department of a regional mission's region. Empty for the other roles.
   */
  departmentCodes: string[];
  /** The region of a regional mission. */
  regionCode: string | null;
}

/** The service itself: demo loader, background jobs, command-line tools, test set-up. Sees everything. */
export interface SystemActor {
  kind: 'system';
  /** What is acting, recorded in the audit log (e.g. `demo-data`, `worker`). */
  label: string;
}

export type Actor = UserActor | SystemActor;

export const systemActor = (label: string): SystemActor => ({ kind: 'system', label });

export function isRole(actor: Actor, ...roles: Role[]): actor is UserActor {
  return actor.kind === 'user' && roles.includes(actor.role);
}

/** What the audit trigger records as "who" (the signature of its transactions, see database/transaction.ts). */
export function auditIdentity(actor: Actor): string {
  return JSON.stringify(
    actor.kind === 'system'
      ? { system: actor.label }
      : { userId: actor.userId, role: actor.role, organisationId: actor.organisationId, email: actor.email },
  );
}
