import type { ContractSpec } from './idf-catalogue';

export type Cell = string | number | boolean | null | string[];
export type Row = Record<string, Cell>;

/** Rows per table, in the order they must be inserted (foreign keys point backwards only). */
export interface DemoTables {
  organisations: Row[];
  operations: Row[];
  contracts: Row[];
  contract_parties: Row[];
  clauses: Row[];
  clause_terms: Row[];
  beneficiaries: Row[];
  eligibility_criteria: Row[];
  assignments: Row[];
  hours_statements: Row[];
  contract_monthly_hours: Row[];
  contract_invoiced_amounts: Row[];
  payments: Row[];
}

export const emptyTables = (): DemoTables => ({
  organisations: [], operations: [], contracts: [], contract_parties: [], clauses: [], clause_terms: [],
  beneficiaries: [], eligibility_criteria: [], assignments: [], hours_statements: [],
  contract_monthly_hours: [], contract_invoiced_amounts: [], payments: [],
});

/** A contract being generated: its spec, ids, and the validated eligible insertion hours per month. */
export interface DemoContract {
  id: string;
  spec: ContractSpec;
  holderId: string;
  parties: { companyId: string; companyKey: string; role: string; share: number }[];
  /** month → validated hours (hundredths) of eligible assignments; what targets are derived from. */
  eligibleHoursByMonth: Map<string, number>;
}
