import type { ClauseStatus } from '../../compliance/rules/clause-status';

/**
 * The frozen figures of one report: what every format (PDF, CSV, XLSX, JSON) renders, and nothing
 * else. JSON-serialisable and free of personal data: people appear only as counts, never by name,
 * birth date or beneficiary code. Hours are decimals with two places (they come from integer
 * hundredths), money integer cents, shares fractions 0..1 rounded to 4 places.
 */
/**
 * The version of the figures' rules and shape. The data watermark carries it, so a report made under
 * earlier rules is never handed back as current: 2 is issue 22's rules (planned hours to date, pending
 * corrections by their difference, each SME euro once).
 */
export const REPORT_FIGURES_VERSION = 2;

export type ClauseStatusCounts = Record<ClauseStatus, number>;

/** Hours and people of one window: the period's months, or every month up to the period's end. */
export interface WindowFigures {
  realisedHours: number;
  fte: number;
  distinctBeneficiaries: number;
  /** Shares of the distinct beneficiaries (rule 7: attributes of each person's earliest counted assignment). */
  shareWomen: number | null;
  shareUnder26: number | null;
  share50AndOver: number | null;
  shareQpvResidents: number | null;
}

export interface Headline {
  period: WindowFigures;
  cumulative: WindowFigures;
  /** At the period's end: declared, not yet validated hours (a correction by its difference, rule 3); validated hours of non-eligible assignments. */
  pendingHours: number;
  notEligibleHours: number;
  plannedHoursAtEnd: number;
  plannedHoursToDate: number;
  contractCount: number;
  insertionClauses: ClauseStatusCounts;
  smeClauses: ClauseStatusCounts;
  reservedClauseCount: number;
}

export interface ContractRow {
  contractId: string;
  reference: string;
  title: string;
  departmentCode: string;
  contractingAuthorityId: string;
  contractingAuthorityName: string;
  amountCents: number;
  plannedHoursAtEnd: number;
  realisedHoursInPeriod: number;
  realisedHours: number;
  completionRate: number | null;
  /** Status of the contract's (first) insertion clause; null when it has none. */
  insertionStatus: ClauseStatus | null;
  smeTargetShare: number | null;
  smeConfirmedShare: number | null;
  smeStatus: ClauseStatus | null;
  reserved: boolean;
}

export interface AuthorityRow {
  contractingAuthorityId: string;
  name: string;
  contractCount: number;
  plannedHoursAtEnd: number;
  realisedHoursInPeriod: number;
  realisedHours: number;
  completionRate: number | null;
  insertionClauses: ClauseStatusCounts;
  /** Σ contract amounts of the contracts with an SME clause, and Σ confirmed SME payments on them. */
  smeAmountCents: number;
  smeConfirmedCents: number;
  /** Σ (minimum share × amount) in cents: the SME target in money, for an amount-weighted target share. */
  smeTargetCents: number;
  smeConfirmedShare: number | null;
  smeTargetShare: number | null;
}

export interface DepartmentRow {
  code: string;
  name: string;
  period: WindowFigures;
  cumulative: WindowFigures;
  plannedHoursAtEnd: number;
  contractCount: number;
  insertionClauses: ClauseStatusCounts;
}

export const BREAKDOWN_DIMENSIONS = ['criterion', 'modality', 'ageBand', 'sex', 'exitOutcome'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface BreakdownRow {
  key: string;
  hours: number;
  people: number;
  hoursShare: number | null;
  peopleShare: number | null;
}

/**
 * Hours are split by their own assignment; people by their earliest counted assignment (rule 7),
 * except the exit outcome, taken from their latest one (where the person ended up). A person or an
 * hour counts under every criterion its assignment had on its start date, so criterion rows may
 * add up to more than the total.
 */
export type Breakdowns = Record<BreakdownDimension, BreakdownRow[]>;

export interface ReportFigures {
  figuresVersion: number;
  scope: { kind: 'department' | 'region'; code: string; name: string };
  period: { from: string; to: string };
  generatedAt: string;
  dataWatermark: string;
  fteReferenceHours: number;
  headline: Headline;
  contractingAuthorities: AuthorityRow[];
  contracts: ContractRow[];
  breakdowns: { period: Breakdowns; cumulative: Breakdowns };
  /** Regional reports only: one row per department of the region (the departments' own headlines). */
  departments?: DepartmentRow[];
}
