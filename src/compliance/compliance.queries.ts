import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentActor } from '../access/request-context';
import { positional } from '../access/sql-binder';
import { contractVisibleSql } from '../access/visibility.sql';

/** Which contracts a figure covers; every filter given must hold. */
export interface Scope {
  contractId?: string;
  contractingAuthorityId?: string;
  departmentCode?: string;
  regionCode?: string;
}

/** The sums "at D" of one contract (DOMAIN rule 2), integers in hundredths of an hour or cents. */
export interface ContractFigures {
  id: string;
  reference: string;
  title: string;
  amountCents: number;
  startDate: string;
  endDate: string;
  departmentCode: string;
  authorityId: string;
  authorityName: string;
  realisedX100: number;
  pendingX100: number;
  notEligibleX100: number;
  distinctBeneficiaries: number;
  declaredContractHoursX100: number;
  invoicedCents: number;
  /** Executed by SMEs to D, confirmed, and declared not yet confirmed (DOMAIN rule 10: each euro once). */
  smeConfirmedCents: number;
  smeDeclaredCents: number;
}

/** One row of a clause's terms history (an original or an amendment). */
export interface TermsRow {
  clauseId: string;
  contractId: string;
  kind: 'insertion_hours' | 'sme_share' | 'reserved';
  label: string | null;
  effectiveFrom: string | null;
  targetMode: 'fixed' | 'formula' | 'percent_of_hours' | 'per_amount_invoiced' | null;
  fixedHoursX100: number | null;
  labourShare: number | null;
  insertionRate: number | null;
  hourlyCostCents: number | null;
  centsPerHour: number | null;
  penaltyCentsPerHour: number | null;
  smeMinShare: number | null;
  reservation: string | null;
}

/** "Months up to and including D's month" ($1 is always D). */
const UP_TO_D = `<= date_trunc('month', $1::date)`;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The set-based SQL behind every compliance figure: sums grouped by contract, never statement rows
 * brought into JS. Status rules are applied afterwards, per clause, by the service.
 */
@Injectable()
export class ComplianceQueries {
  constructor(private readonly ds: DataSource) {}

  /** The contracts of the scope that the current actor may see: aggregates count nothing else. */
  private where(scope: Scope, params: unknown[]): string {
    const conds = [contractVisibleSql(currentActor(), 'c', positional(params))];
    const add = (sql: (p: string) => string, v: unknown) => {
      params.push(v);
      conds.push(sql(`$${params.length}`));
    };
    if (scope.contractId) add((p) => `c.id = ${p}::uuid`, scope.contractId);
    if (scope.contractingAuthorityId) add((p) => `c.contracting_authority_id = ${p}::uuid`, scope.contractingAuthorityId);
    if (scope.departmentCode) add((p) => `c.execution_department_code = ${p}`, scope.departmentCode);
    if (scope.regionCode) add((p) => `c.execution_department_code IN (SELECT code FROM departments WHERE region_code = ${p})`, scope.regionCode);
    return conds.join(' AND ');
  }

  async countContracts(scope: Scope): Promise<number> {
    const params: unknown[] = [];
    const [row] = await this.ds.query(`SELECT count(*)::int AS n FROM contracts c WHERE ${this.where(scope, params)}`, params);
    return row.n;
  }

  /** Per-contract sums at D, ordered by reference; `page` limits the contracts (not the rows summed). */
  async contractFigures(scope: Scope, at: string, page?: { limit: number; offset: number }): Promise<ContractFigures[]> {
    const params: unknown[] = [at];
    const where = this.where(scope, params);
    // The contracts are probed in id order, the order of the aggregates' keys: consecutive probes land
    // on neighbouring index pages, read once, instead of on pages all over indexes larger than
    // PostgreSQL's shared buffers (bench/README.md). A page of a list is cut in reference order first.
    let order = 'ORDER BY c.id';
    if (page) {
      params.push(page.limit, page.offset);
      order = `ORDER BY c.reference, c.id LIMIT $${params.length - 1} OFFSET $${params.length}`;
    }
    // From the pre-summed months (aggregates/aggregate.entities.ts): the cost follows the contracts, not
    // their statements. Realised = validated − the validated hours of non-eligible assignments, both
    // pre-summed. People come index-only from the first months of eligible assignments. The holder's
    // monthly hours, its invoices and what SMEs executed come from one pre-summed row per month
    // (contract_month_activity): one probe per contract where they took three. Each sum is a LATERAL
    // aggregate of one contract's rows, read straight from its index: grouping all the scope's rows by
    // contract instead spilled to disk at bench scale 4 (work_mem 4 MB).
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT scope.id, scope.reference, scope.title, scope.amount_cents::text AS amount_cents,
         to_char(scope.start_date, 'YYYY-MM-DD') AS start_date, to_char(scope.end_date, 'YYYY-MM-DD') AS end_date,
         scope.execution_department_code AS department_code, scope.contracting_authority_id AS authority_id, o.name AS authority_name,
         (coalesce(t.validated, 0) - coalesce(t.not_eligible, 0))::text AS realised, t.pending::text, t.not_eligible::text, pe.people::int,
         act.declared::text AS declared_contract_hours, act.invoiced::text, act.sme_confirmed::text, act.sme_declared::text
       FROM (
         SELECT c.id, c.reference, c.title, c.amount_cents, c.start_date, c.end_date, c.execution_department_code, c.contracting_authority_id
         FROM contracts c WHERE ${where} ${order}
       ) scope
       JOIN organisations o ON o.id = scope.contracting_authority_id
       CROSS JOIN LATERAL (
         SELECT SUM(t.validated_x100) AS validated, SUM(t.declared_x100) AS pending, SUM(t.not_eligible_x100) AS not_eligible
         FROM contract_month_totals t WHERE t.contract_id = scope.id AND t.month ${UP_TO_D}
       ) t
       CROSS JOIN LATERAL (
         SELECT COUNT(DISTINCT f.person_key) AS people
         FROM assignment_first_months f WHERE f.contract_id = scope.id AND f.eligible AND f.first_month ${UP_TO_D}
       ) pe
       CROSS JOIN LATERAL (
         SELECT SUM(a.contract_hours_x100) AS declared, SUM(a.invoiced_cents) AS invoiced,
           SUM(a.sme_confirmed_cents) AS sme_confirmed, SUM(a.sme_declared_cents) AS sme_declared
         FROM contract_month_activity a WHERE a.contract_id = scope.id AND a.month ${UP_TO_D}
       ) act
       ORDER BY scope.reference, scope.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      reference: r.reference as string,
      title: r.title as string,
      amountCents: num(r.amount_cents),
      startDate: r.start_date as string,
      endDate: r.end_date as string,
      departmentCode: r.department_code as string,
      authorityId: r.authority_id as string,
      authorityName: r.authority_name as string,
      realisedX100: num(r.realised),
      pendingX100: num(r.pending),
      notEligibleX100: num(r.not_eligible),
      distinctBeneficiaries: num(r.people),
      declaredContractHoursX100: num(r.declared_contract_hours),
      invoicedCents: num(r.invoiced),
      smeConfirmedCents: num(r.sme_confirmed),
      smeDeclaredCents: num(r.sme_declared),
    }));
  }

  /**
   * DOMAIN rule 6: people with validated eligible hours in the whole scope, each counted once. The
   * contracts in id order, as in contractFigures; DISTINCT as its own step, which PostgreSQL hashes,
   * where COUNT(DISTINCT) sorts the keys, which is slower on a region's people (bench/README.md).
   */
  async distinctBeneficiaries(scope: Scope, at: string): Promise<number> {
    const params: unknown[] = [at];
    const where = this.where(scope, params);
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS n FROM (
         SELECT DISTINCT f.person_key
         FROM (SELECT c.id FROM contracts c WHERE ${where} ORDER BY c.id) c
         JOIN assignment_first_months f ON f.contract_id = c.id
         WHERE f.eligible AND f.first_month ${UP_TO_D}
       ) people`,
      params,
    );
    return row.n;
  }

  /** Every terms row (original and amendments) of the clauses of these contracts. */
  async clauseTerms(contractIds: string[]): Promise<TermsRow[]> {
    if (contractIds.length === 0) return [];
    return this.termsWhere(`cl.contract_id = ANY($1::uuid[])`, [contractIds]);
  }

  /** The same for every contract of a scope: read alongside the scope's sums rather than after them. */
  async clauseTermsInScope(scope: Scope): Promise<TermsRow[]> {
    const params: unknown[] = [];
    const where = this.where(scope, params);
    return this.termsWhere(`cl.contract_id IN (SELECT c.id FROM contracts c WHERE ${where})`, params);
  }

  private async termsWhere(clauseFilter: string, params: unknown[]): Promise<TermsRow[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT cl.id AS clause_id, cl.contract_id, cl.kind, cl.label, to_char(t.effective_from, 'YYYY-MM-DD') AS effective_from,
         t.target_mode, t.fixed_hours_x100::text AS fixed_hours_x100, t.labour_share::text AS labour_share,
         t.insertion_rate::text AS insertion_rate, t.hourly_cost_cents, t.cents_per_hour, t.penalty_cents_per_hour,
         t.sme_min_share::text AS sme_min_share, t.reservation
       FROM clauses cl LEFT JOIN clause_terms t ON t.clause_id = cl.id
       WHERE ${clauseFilter}
       ORDER BY cl.created_at, cl.id, t.effective_from NULLS FIRST`,
      params,
    );
    return rows.map((r) => ({
      clauseId: r.clause_id as string,
      contractId: r.contract_id as string,
      kind: r.kind as TermsRow['kind'],
      label: (r.label as string | null) ?? null,
      effectiveFrom: (r.effective_from as string | null) ?? null,
      targetMode: (r.target_mode as TermsRow['targetMode']) ?? null,
      fixedHoursX100: numOrNull(r.fixed_hours_x100),
      labourShare: numOrNull(r.labour_share),
      insertionRate: numOrNull(r.insertion_rate),
      hourlyCostCents: numOrNull(r.hourly_cost_cents),
      centsPerHour: numOrNull(r.cents_per_hour),
      penaltyCentsPerHour: numOrNull(r.penalty_cents_per_hour),
      smeMinShare: numOrNull(r.sme_min_share),
      reservation: (r.reservation as string | null) ?? null,
    }));
  }

  /** A department or region by INSEE code, with the departments it covers. */
  async place(kind: 'department' | 'region', code: string): Promise<{ name: string; departmentCodes: string[] } | undefined> {
    const [row] = await this.ds.query(
      kind === 'department'
        ? `SELECT name, ARRAY[code::text] AS "departmentCodes" FROM departments WHERE code = $1`
        : `SELECT r.name, ARRAY(SELECT d.code::text FROM departments d WHERE d.region_code = r.code) AS "departmentCodes" FROM regions r WHERE r.code = $1`,
      [code],
    );
    return row;
  }

  async contractingAuthority(id: string): Promise<{ name: string } | undefined> {
    const [row] = await this.ds.query(`SELECT name FROM organisations WHERE id = $1 AND kind = 'contracting_authority'`, [id]);
    return row;
  }
}
