import type { CompanySize, InclusionType, OrganisationKind } from '../../src/organisations/organisation.entity';

/** An organisation kept in memory while the rest is drawn (ids, and what drawing needs). */
export interface Org {
  id: string;
  kind: OrganisationKind;
  name: string;
  size: CompanySize | null;
  inclusion: InclusionType;
  departments: string[];
  region: string | null;
  /** Relative size: how often it is drawn as authority, holder, party or registering structure. */
  weight: number;
  /** A temporary-work agency (ETT): employer of `temp_work_ett` assignments. */
  tempAgency?: boolean;
}

export type ContractKind = 'insertion' | 'reserved_siae' | 'reserved_ea' | 'sme_only' | 'none';
export type InsertionMode = 'fixed' | 'formula' | 'percent_of_hours' | 'per_amount_invoiced';

export interface Party {
  company: Org;
  role: 'co_contractor' | 'subcontractor';
  /** Share of the contract amount it carries. */
  share: number;
  declaredOn: number;
}

/** A contract kept in memory: drawn first, its clauses and money drawn last from the hours its people worked. */
export interface Contract {
  idx: number;
  id: string;
  department: string;
  authority: Org;
  holder: Org;
  operationId: string | null;
  start: number;
  end: number;
  /** Latent size in euros: drives how many people work on it, and its amount when no hours decide it. */
  sizeEuros: number;
  kind: ContractKind;
  mode: InsertionMode | null;
  smeShare: boolean;
  parties: Party[];
  cpv: string;
  title: string;
  reference: string;
  /** First month index of `hours` (the contract's start month, not before the history). */
  monthBase: number;
  /** Validated hours (hundredths) of eligible assignments, per month from monthBase to the data's end. */
  eligibleHours: Float64Array;
}
