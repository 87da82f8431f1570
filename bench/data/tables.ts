import type { Client } from 'pg';
import { TableSink } from './copy-sink';

/** The columns the generator fills, per table; the others keep their defaults. Order: parents first. */
export const COLUMNS = {
  organisations: ['id', 'kind', 'name', 'siret', 'size', 'inclusion_type', 'department_codes', 'region_code', 'created_at'],
  operations: ['id', 'name', 'description', 'contracting_authority_id', 'created_at'],
  contracts: [
    'id', 'reference', 'title', 'cpv_code', 'contracting_authority_id', 'holder_id', 'operation_id', 'amount_cents', 'notification_date',
    'start_date', 'end_date', 'execution_department_code', 'social_considerations', 'created_at',
  ],
  contract_parties: ['id', 'contract_id', 'company_id', 'role', 'subcontracted_amount_cents', 'declared_on'],
  clauses: ['id', 'contract_id', 'kind', 'label', 'created_at'],
  clause_terms: [
    'id', 'clause_id', 'effective_from', 'target_mode', 'fixed_hours_x100', 'labour_share', 'insertion_rate', 'hourly_cost_cents',
    'cents_per_hour', 'penalty_cents_per_hour', 'sme_min_share', 'reservation', 'reason', 'created_at',
  ],
  beneficiaries: ['id', 'registered_by_id', 'person_key', 'code', 'identity_enc', 'sex', 'birth_year', 'commune_code', 'qpv_resident', 'education_level', 'created_at'],
  eligibility_criteria: ['id', 'beneficiary_id', 'criterion', 'validated_on', 'validated_by', 'valid_until', 'reason', 'created_at'],
  assignments: [
    'id', 'beneficiary_id', 'contract_id', 'employer_id', 'modality', 'start_date', 'end_date', 'rome_code', 'planned_weekly_hours_x100',
    'exit_outcome', 'outcome_after_six_months', 'created_at',
  ],
  hours_statements: ['id', 'assignment_id', 'contract_id', 'month', 'hours_x100', 'source', 'status', 'rejection_reason', 'supersedes_id', 'declared_at', 'decided_at'],
  contract_monthly_hours: ['contract_id', 'month', 'hours_x100', 'declared_at'],
  contract_invoiced_amounts: ['contract_id', 'month', 'amount_cents', 'declared_at'],
  payments: ['id', 'contract_id', 'payer_id', 'payee_id', 'month', 'amount_cents', 'status', 'dispute_reason', 'declared_at', 'decided_at'],
  users: ['id', 'email', 'display_name', 'role', 'organisation_id', 'password_hash', 'activated_at', 'created_at'],
} as const;

export type TableName = keyof typeof COLUMNS;
export const TABLES = Object.keys(COLUMNS) as TableName[];
export type Sinks = Record<TableName, TableSink>;

/** One sink per table, each on its own connection so the tables load side by side (clients: null = dry run). */
export function createSinks(clientFor: (table: TableName) => Client | null): Sinks {
  return Object.fromEntries(TABLES.map((t) => [t, new TableSink(t, COLUMNS[t], clientFor(t))])) as Sinks;
}
