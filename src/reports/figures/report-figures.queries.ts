import { DataSource } from 'typeorm';
import { eligibleAssignmentSql, eligibleCriteriaSql } from '../../assignments/eligibility.sql';
import { ageBandSql } from '../../compliance/rules/age-band';
import { BreakdownDimension } from './report-figures';

export interface ReportScopeRef {
  kind: 'department' | 'region';
  code: string;
}

/**
 * A window of months: `fromDate` null means from the beginning (cumulative); otherwise every month
 * sharing at least its first day's month with from..to, i.e. months from from's month to to's month.
 */
export interface MonthWindow {
  fromDate: string | null;
  toDate: string;
}

export interface WindowCounts {
  realisedX100: number;
  people: number;
  women: number;
  under26: number;
  fiftyAndOver: number;
  qpvResidents: number;
}

export interface BreakdownCount {
  dimension: BreakdownDimension;
  key: string;
  hoursX100: number | null;
  people: number | null;
}

const int = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * The counted hours of a scope and window as CTEs: validated statements of eligible assignments
 * (rules 3 and 5), summed per assignment, with the person attributes of rule 7; `first_assignment`
 * is each person's earliest counted assignment (start date, then id: deterministic), and
 * `last_assignment` their latest. Parameters: $1 scope code, $2 window start (or null), $3 window end.
 */
function countedCtes(kind: ReportScopeRef['kind']): string {
  const inScope =
    kind === 'department' ? `c.execution_department_code = $1` : `c.execution_department_code IN (SELECT code FROM departments WHERE region_code = $1)`;
  return `WITH hours_by_assignment AS (
      SELECT s.assignment_id, s.contract_id, SUM(s.hours_x100) AS hours
      FROM hours_statements s
      JOIN contracts c ON c.id = s.contract_id
      JOIN assignments a ON a.id = s.assignment_id
      WHERE ${inScope} AND s.status = 'validated'
        AND s.month <= date_trunc('month', $3::date)
        AND ($2::date IS NULL OR s.month >= date_trunc('month', $2::date))
        AND ${eligibleAssignmentSql('a')}
      GROUP BY s.assignment_id, s.contract_id
    ), counted AS (
      SELECT h.contract_id, h.hours, a.id AS assignment_id, a.start_date, a.modality, coalesce(a.exit_outcome, 'none') AS exit_outcome,
        b.person_key, b.sex, b.qpv_resident, ${ageBandSql('a.start_date', 'b.birth_year')} AS age_band, ${eligibleCriteriaSql('a')} AS criteria
      FROM hours_by_assignment h
      JOIN assignments a ON a.id = h.assignment_id
      JOIN beneficiaries b ON b.id = a.beneficiary_id
    ), first_assignment AS (
      SELECT DISTINCT ON (person_key) * FROM counted ORDER BY person_key, start_date, assignment_id
    ), last_assignment AS (
      SELECT DISTINCT ON (person_key) * FROM counted ORDER BY person_key, start_date DESC, assignment_id DESC
    )`;
}

const params = (scope: ReportScopeRef, w: MonthWindow) => [scope.code, w.fromDate, w.toDate];

/** Realised hours and distinct people (one COUNT DISTINCT over the whole scope, rule 6) of a window. */
export async function windowCounts(ds: DataSource, scope: ReportScopeRef, w: MonthWindow): Promise<WindowCounts> {
  const [row] = (await ds.query(
    `${countedCtes(scope.kind)}
     SELECT (SELECT coalesce(SUM(hours), 0) FROM counted)::text AS realised,
       (SELECT COUNT(DISTINCT person_key) FROM counted)::int AS people,
       COUNT(*) FILTER (WHERE sex = 'F')::int AS women,
       COUNT(*) FILTER (WHERE age_band = 'under_26')::int AS under26,
       COUNT(*) FILTER (WHERE age_band = '50_and_over')::int AS fifty,
       COUNT(*) FILTER (WHERE qpv_resident)::int AS qpv
     FROM first_assignment`,
    params(scope, w),
  )) as Record<string, unknown>[];
  return {
    realisedX100: int(row.realised),
    people: int(row.people),
    women: int(row.women),
    under26: int(row.under26),
    fiftyAndOver: int(row.fifty),
    qpvResidents: int(row.qpv),
  };
}

/** Realised hours of the window per contract (hundredths), for the contract tables' period column. */
export async function hoursByContract(ds: DataSource, scope: ReportScopeRef, w: MonthWindow): Promise<Map<string, number>> {
  const rows = (await ds.query(
    `${countedCtes(scope.kind)} SELECT contract_id, SUM(hours)::text AS hours FROM counted GROUP BY contract_id ORDER BY contract_id`,
    params(scope, w),
  )) as { contract_id: string; hours: string }[];
  return new Map(rows.map((r) => [r.contract_id, int(r.hours)]));
}

/**
 * Hours (by their own assignment) and people (by their earliest counted assignment; exit outcome by
 * their latest) per key of each dimension. Keys absent from the data are absent here.
 */
export async function breakdownCounts(ds: DataSource, scope: ReportScopeRef, w: MonthWindow): Promise<BreakdownCount[]> {
  const rows = (await ds.query(
    `${countedCtes(scope.kind)}
     SELECT 'modality' AS dim, modality AS key, SUM(hours)::text AS hours, NULL::int AS people FROM counted GROUP BY modality
     UNION ALL SELECT 'modality', modality, NULL, COUNT(*)::int FROM first_assignment GROUP BY modality
     UNION ALL SELECT 'ageBand', age_band, SUM(hours)::text, NULL FROM counted GROUP BY age_band
     UNION ALL SELECT 'ageBand', age_band, NULL, COUNT(*)::int FROM first_assignment GROUP BY age_band
     UNION ALL SELECT 'sex', sex, SUM(hours)::text, NULL FROM counted GROUP BY sex
     UNION ALL SELECT 'sex', sex, NULL, COUNT(*)::int FROM first_assignment GROUP BY sex
     UNION ALL SELECT 'exitOutcome', exit_outcome, SUM(hours)::text, NULL FROM counted GROUP BY exit_outcome
     UNION ALL SELECT 'exitOutcome', exit_outcome, NULL, COUNT(*)::int FROM last_assignment GROUP BY exit_outcome
     UNION ALL SELECT 'criterion', k, SUM(hours)::text, NULL FROM counted, unnest(criteria) AS k GROUP BY k
     UNION ALL SELECT 'criterion', k, NULL, COUNT(*)::int FROM first_assignment, unnest(criteria) AS k GROUP BY k
     ORDER BY 1, 2, 3 NULLS LAST`,
    params(scope, w),
  )) as { dim: BreakdownDimension; key: string; hours: string | null; people: number | null }[];
  return rows.map((r) => ({ dimension: r.dim, key: r.key, hoursX100: r.hours === null ? null : int(r.hours), people: r.people === null ? null : int(r.people) }));
}

export async function placeName(ds: DataSource, scope: ReportScopeRef): Promise<string | undefined> {
  const [row] = (await ds.query(`SELECT name FROM ${scope.kind === 'department' ? 'departments' : 'regions'} WHERE code = $1`, [scope.code])) as { name: string }[];
  return row?.name;
}

export async function departmentsOfRegion(ds: DataSource, regionCode: string): Promise<{ code: string; name: string }[]> {
  return (await ds.query(`SELECT code, name FROM departments WHERE region_code = $1 ORDER BY code`, [regionCode])) as { code: string; name: string }[];
}
