import type { Role } from './actor';

/**
 * Who may call which kind of route, by DOMAIN.md's "Who uses it". The records each role then sees
 * within a route are filtered by access/visibility.sql.ts.
 */
export const BUSINESS_ROLES: readonly Role[] = ['regional_staff', 'facilitator', 'buyer', 'company'];
/** Create and amend contracts and clauses: buyers for their authority, facilitators in their departments. */
export const CONTRACT_WRITERS: readonly Role[] = ['buyer', 'facilitator'];
/** Read people, assignments and hours (pseudonymously except for the registering structure). */
export const PEOPLE_READERS: readonly Role[] = ['facilitator', 'regional_staff', 'company'];
/** Declare hours statements, monthly contract hours, invoices and payments. */
export const DECLARERS: readonly Role[] = ['company', 'facilitator'];
/** Aggregated compliance figures of a territory or an authority. */
export const AGGREGATE_READERS: readonly Role[] = ['regional_staff', 'facilitator', 'buyer'];
