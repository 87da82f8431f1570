import type { Actor } from '../access/actor';
import type { AuditEntry } from './audit-entry.entity';

/**
 * What each reader of the audit log sees of a written row: no personal detail the API would not show
 * them (issue 22). `row`: every column; `references`: only the columns that name other rows or say when
 * (id, *_id, *_at), so the reader still learns which rows were written, when and by whom.
 *
 * Admins read organisations and users through the API, and no person, assignment or hours. Regional staff
 * read the contracts, assignments and statements of their region (the audit entries they get have the same
 * scope), people by code and age band only, and no user account. A person's registration and criteria are
 * logged with the registering structure's departments, not the person's contracts: no reader sees them.
 * A table not listed here shows references only, until someone says who may read it.
 */
type Shown = 'row' | 'references';
export type AuditReader = 'admin' | 'regional_staff';

export const AUDIT_READERS: Record<string, Record<AuditReader, Shown>> = {
  organisations: { admin: 'row', regional_staff: 'row' },
  users: { admin: 'row', regional_staff: 'references' },
  operations: { admin: 'row', regional_staff: 'row' },
  contracts: { admin: 'row', regional_staff: 'row' },
  contract_parties: { admin: 'row', regional_staff: 'row' },
  clauses: { admin: 'row', regional_staff: 'row' },
  clause_terms: { admin: 'row', regional_staff: 'row' },
  contract_monthly_hours: { admin: 'row', regional_staff: 'row' },
  contract_invoiced_amounts: { admin: 'row', regional_staff: 'row' },
  payments: { admin: 'row', regional_staff: 'row' },
  reports: { admin: 'row', regional_staff: 'row' },
  beneficiaries: { admin: 'references', regional_staff: 'references' },
  eligibility_criteria: { admin: 'references', regional_staff: 'references' },
  assignments: { admin: 'references', regional_staff: 'row' },
  hours_statements: { admin: 'references', regional_staff: 'row' },
  // Only the uploading structure reads an import; its file name may name a person.
  imports: { admin: 'references', regional_staff: 'references' },
};

const HIDDEN = '[hidden]';
const REFERENCE = /^(id|\w+_id|\w+_at)$/;

const referencesOnly = (row: Record<string, unknown> | null) => row && Object.fromEntries(Object.entries(row).map(([k, v]) => [k, REFERENCE.test(k) ? v : HIDDEN]));

/** The entry as `actor` may read it. Regional staff read no other user's account, so no email as "who". */
export function auditEntryFor(actor: Actor, entry: AuditEntry): AuditEntry {
  if (actor.kind !== 'user' || (actor.role !== 'admin' && actor.role !== 'regional_staff')) return entry;
  const shown = AUDIT_READERS[entry.entity]?.[actor.role] ?? 'references';
  const out = shown === 'row' ? { ...entry } : { ...entry, before: referencesOnly(entry.before), after: referencesOnly(entry.after) };
  if (actor.role === 'regional_staff' && entry.actorUserId !== null) out.actorLabel = HIDDEN;
  return out;
}
