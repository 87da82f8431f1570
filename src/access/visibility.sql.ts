import { Actor } from './actor';
import { Binder } from './sql-binder';

/**
 * What each role may see, as SQL predicates on a row alias: every query that lists or fetches a
 * record adds the predicate of its entity, so a record outside the caller's scope is neither
 * listed nor found (404) nor counted in an aggregate. This file is the one place the rules of
 * "Who uses it" (DOMAIN.md) are written; aliases are trusted identifiers, values are bound.
 *
 * An admin manages organisations and users: it sees no contract, person or hours.
 */
const NONE = 'FALSE';
const ALL = 'TRUE';

/** Contracts (alias `c`): by execution department, contracting authority or party. */
export function contractVisibleSql(actor: Actor, c: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  switch (actor.role) {
    case 'regional_staff':
    case 'facilitator':
      return `${c}.execution_department_code = ANY(${bind(actor.departmentCodes)}::text[])`;
    case 'buyer':
      return `${c}.contracting_authority_id = ${bind(actor.organisationId)}::uuid`;
    case 'company': {
      const org = bind(actor.organisationId);
      // Holder, co-contractor, declared subcontractor, or employer of someone working on it (an ETTI).
      return `(${c}.holder_id = ${org}::uuid
        OR EXISTS (SELECT 1 FROM contract_parties vis_p WHERE vis_p.contract_id = ${c}.id AND vis_p.company_id = ${org}::uuid)
        OR EXISTS (SELECT 1 FROM assignments vis_a WHERE vis_a.contract_id = ${c}.id AND vis_a.employer_id = ${org}::uuid))`;
    }
    default:
      return NONE;
  }
}

/** Contracts by id (a column holding a contract id), for rows that belong to a contract. */
export function contractIdVisibleSql(actor: Actor, contractIdColumn: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  if (actor.kind === 'user' && actor.role === 'admin') return NONE;
  return `EXISTS (SELECT 1 FROM contracts vis_c WHERE vis_c.id = ${contractIdColumn} AND ${contractVisibleSql(actor, 'vis_c', bind)})`;
}

/** Operations (alias `op`): the buyer's own; otherwise those of an authority working in the actor's departments, or holding a visible contract. */
export function operationVisibleSql(actor: Actor, op: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  const withVisibleContract = `EXISTS (SELECT 1 FROM contracts vis_oc WHERE vis_oc.operation_id = ${op}.id AND ${contractVisibleSql(actor, 'vis_oc', bind)})`;
  switch (actor.role) {
    case 'buyer':
      return `${op}.contracting_authority_id = ${bind(actor.organisationId)}::uuid`;
    case 'regional_staff':
    case 'facilitator':
      return `(EXISTS (SELECT 1 FROM organisations vis_oa WHERE vis_oa.id = ${op}.contracting_authority_id
                 AND vis_oa.department_codes::text[] && ${bind(actor.departmentCodes)}::text[]) OR ${withVisibleContract})`;
    case 'company':
      return withVisibleContract;
    default:
      return NONE;
  }
}

/**
 * Assignments (alias `a`). A facilitator follows the contracts of its departments and the people its
 * structure registered wherever they work; a company sees the people it employs, and as holder every
 * assignment on its contract. Buyers see counts only, never assignments.
 */
export function assignmentVisibleSql(actor: Actor, a: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  switch (actor.role) {
    case 'regional_staff':
      return `EXISTS (SELECT 1 FROM contracts vis_ac WHERE vis_ac.id = ${a}.contract_id AND vis_ac.execution_department_code = ANY(${bind(actor.departmentCodes)}::text[]))`;
    case 'facilitator':
      return `(EXISTS (SELECT 1 FROM contracts vis_ac WHERE vis_ac.id = ${a}.contract_id AND vis_ac.execution_department_code = ANY(${bind(actor.departmentCodes)}::text[]))
        OR EXISTS (SELECT 1 FROM beneficiaries vis_ab WHERE vis_ab.id = ${a}.beneficiary_id AND vis_ab.registered_by_id = ${bind(actor.organisationId)}::uuid))`;
    case 'company': {
      const org = bind(actor.organisationId);
      return `(${a}.employer_id = ${org}::uuid OR EXISTS (SELECT 1 FROM contracts vis_ac WHERE vis_ac.id = ${a}.contract_id AND vis_ac.holder_id = ${org}::uuid))`;
    }
    default:
      return NONE;
  }
}

/** Hours statements (alias `s`): those of a visible assignment. */
export function statementVisibleSql(actor: Actor, s: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  return `EXISTS (SELECT 1 FROM assignments vis_sa WHERE vis_sa.id = ${s}.assignment_id AND ${assignmentVisibleSql(actor, 'vis_sa', bind)})`;
}

/** Beneficiaries (alias `b`): registered by the facilitator's structure, or working on a visible assignment. */
export function beneficiaryVisibleSql(actor: Actor, b: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  const working = `EXISTS (SELECT 1 FROM assignments vis_ba WHERE vis_ba.beneficiary_id = ${b}.id AND ${assignmentVisibleSql(actor, 'vis_ba', bind)})`;
  switch (actor.role) {
    case 'facilitator':
      return `(${b}.registered_by_id = ${bind(actor.organisationId)}::uuid OR ${working})`;
    case 'regional_staff':
    case 'company':
      return working;
    default:
      return NONE;
  }
}

/** Payments (alias `p`): on a visible contract; a company sees those it pays or receives, all of them as holder. */
export function paymentVisibleSql(actor: Actor, p: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  const onContract = contractIdVisibleSql(actor, `${p}.contract_id`, bind);
  if (actor.role !== 'company') return onContract;
  const org = bind(actor.organisationId);
  return `(${onContract} AND (${p}.payer_id = ${org}::uuid OR ${p}.payee_id = ${org}::uuid
    OR EXISTS (SELECT 1 FROM contracts vis_pc WHERE vis_pc.id = ${p}.contract_id AND vis_pc.holder_id = ${org}::uuid)))`;
}

/** Reports (alias `r`): regional staff those of their region and its departments; facilitators their departments'. */
export function reportVisibleSql(actor: Actor, r: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  const departments = `(${r}.scope_kind = 'department' AND ${r}.scope_code = ANY(${bind(actor.departmentCodes)}::text[]))`;
  switch (actor.role) {
    case 'regional_staff':
      return `((${r}.scope_kind = 'region' AND ${r}.scope_code = ${bind(actor.regionCode)}) OR ${departments})`;
    case 'facilitator':
      return departments;
    default:
      return NONE;
  }
}

/** Audit log entries (alias `l`): an admin reads all; regional staff the entries touching their region. */
export function auditVisibleSql(actor: Actor, l: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  if (actor.role === 'admin') return ALL;
  if (actor.role === 'regional_staff') return `${l}.scope_departments && ${bind(actor.departmentCodes)}::text[]`;
  return NONE;
}

/** Whether the actor sees the identity (names, birth date) of a beneficiary registered by `registeredById`. */
export function seesIdentity(actor: Actor, registeredById: string): boolean {
  return actor.kind === 'user' && actor.role === 'facilitator' && actor.organisationId === registeredById;
}

/** Imports (alias `i`): a facilitator structure's own uploads. */
export function importVisibleSql(actor: Actor, i: string, bind: Binder): string {
  if (actor.kind === 'system') return ALL;
  return actor.role === 'facilitator' ? `${i}.organisation_id = ${bind(actor.organisationId)}::uuid` : NONE;
}
