import { DataSource } from 'typeorm';
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

/** What a report needs of one window: the counts, the breakdowns, and (when asked) each contract's hours. */
export interface WindowData {
  counts: WindowCounts;
  breakdowns: BreakdownCount[];
  hoursByContract: Map<string, number>;
}

/** The contract `c` (an alias) is in the scope $1. */
const inScopeSql = (kind: ReportScopeRef['kind'], c = 'c') =>
  kind === 'department' ? `${c}.execution_department_code = $1` : `${c}.execution_department_code IN (SELECT code FROM departments WHERE region_code = $1)`;

/**
 * Each person's attributes of rule 7 on a counted assignment, from its first-month row `f`: the profile
 * the triggers copy there (migration AssignmentProfiles), so no assignment, person or criterion is read.
 */
const personColumns = `f.assignment_id, f.start_date, f.modality, coalesce(f.exit_outcome, 'none') AS exit_outcome,
        f.person_key, f.sex, f.qpv_resident, ${ageBandSql('f.start_date', 'f.birth_year')} AS age_band, f.criteria`;

/**
 * Each person's earliest counted assignment (start date, then id: deterministic), with what people are
 * counted by; and their latest, for their exit. Narrow rows: the sorts stay small. The people are
 * sorted in byte order (COLLATE "C"): the groups are the same as in the database's collation (equal
 * keys are equal bytes in both), and PostgreSQL then compares abbreviated keys with memcmp instead of
 * calling the C library's collation.
 */
const byPerson = `person_key COLLATE "C"`;
const firstOf = (counted: string) =>
  `SELECT DISTINCT ON (${byPerson}) person_key, modality, age_band, sex, qpv_resident, criteria FROM ${counted} ORDER BY ${byPerson}, start_date, assignment_id`;
const lastOf = (counted: string) => `SELECT DISTINCT ON (${byPerson}) person_key, exit_outcome FROM ${counted} ORDER BY ${byPerson}, start_date DESC, assignment_id DESC`;
const personCtes = `, first_assignment AS (${firstOf('counted')}), last_assignment AS (${lastOf('counted')})`;

/**
 * The counted assignments of a window without their hours, for a recount of people (a region's:
 * its hours are its departments' sums). To date, an assignment counts once its first validated month
 * has passed: assignment_first_months holds that month, the assignment's flag and its profile, one row
 * per assignment instead of one per statement, all in its partial index of eligible rows. A bounded
 * window keeps those with a validated month inside it, each probed in the index of validated months
 * (assignment, month), read index-only, where reading the scope's statements of the window and keeping
 * their distinct assignments read every statement's row for its status.
 */
function countedPeopleCtes(kind: ReportScopeRef['kind'], w: MonthWindow): string {
  const inWindow =
    w.fromDate === null
      ? `$2::date IS NULL` // always true here; it only gives $2 (the window's unused start) a type
      : `EXISTS (SELECT 1 FROM hours_statements s
                  WHERE s.assignment_id = f.assignment_id AND s.status = 'validated'
                    AND s.month >= date_trunc('month', $2::date) AND s.month <= date_trunc('month', $3::date))`;
  const counted = `SELECT f.contract_id, ${personColumns}
         FROM contracts c
         JOIN assignment_first_months f ON f.contract_id = c.id
         WHERE ${inScopeSql(kind)} AND f.eligible AND f.first_month <= date_trunc('month', $3::date) AND ${inWindow}`;
  return `WITH counted AS (${counted})${personCtes}`;
}

/** The CTE names a window's parts read: its counted assignments, and each person's first and last of them. */
interface WindowCtes {
  counted: string;
  first: string;
  last: string;
}
const ONE_WINDOW: WindowCtes = { counted: 'counted', first: 'first_assignment', last: 'last_assignment' };

/** What a window's query returns besides its people: the hours (by dimension), each contract's hours. */
interface PartsWanted {
  hours: boolean;
  contracts: boolean;
}

/**
 * Everything a window needs, from one reading of its counted assignments (the CTEs are computed once
 * and read by each part): the counts, then per dimension the hours (by each assignment) and the
 * people (by their earliest counted assignment; exit outcome by their latest), then optionally each
 * contract's hours. Each row carries the window's label, so two windows can share one query. A
 * recount of people asks for no hours: each hours part is one more pass over the counted assignments.
 */
const WINDOW_PARTS = (label: string, wanted: PartsWanted, { counted, first, last }: WindowCtes = ONE_WINDOW) => {
  const byKey = (dim: BreakdownDimension, key: string, people: string, unnest = '') => `
     ${wanted.hours ? `UNION ALL SELECT '${label}', 'breakdown', '${dim}', ${key}, SUM(hours)::text, NULL, NULL, NULL, NULL, NULL FROM ${counted}${unnest} GROUP BY ${key}` : ''}
     UNION ALL SELECT '${label}', 'breakdown', '${dim}', ${key}, NULL, COUNT(*)::int, NULL, NULL, NULL, NULL FROM ${people}${unnest} GROUP BY ${key}`;
  return `
     SELECT '${label}' AS win, 'counts' AS part, NULL AS dim, NULL AS key,
       ${wanted.hours ? `(SELECT coalesce(SUM(hours), 0) FROM ${counted})::text` : 'NULL'} AS hours,
       COUNT(*)::int AS people, -- one first assignment per person
       COUNT(*) FILTER (WHERE sex = 'F')::int AS women,
       COUNT(*) FILTER (WHERE age_band = 'under_26')::int AS under26,
       COUNT(*) FILTER (WHERE age_band = '50_and_over')::int AS fifty,
       COUNT(*) FILTER (WHERE qpv_resident)::int AS qpv
     FROM ${first}
     ${byKey('modality', 'modality', first)}
     ${byKey('ageBand', 'age_band', first)}
     ${byKey('sex', 'sex', first)}
     ${byKey('exitOutcome', 'exit_outcome', last)}
     ${byKey('criterion', 'k', first, ', unnest(criteria) AS k')}
     ${wanted.contracts ? `UNION ALL SELECT '${label}', 'contract', NULL, contract_id::text, SUM(hours)::text, NULL, NULL, NULL, NULL, NULL FROM ${counted} GROUP BY contract_id` : ''}`;
};

const PARTS_ORDER = `ORDER BY 1, 2, 3, 4, 5 NULLS LAST`;

type PartRow = { win: string; part: 'counts' | 'breakdown' | 'contract'; dim: BreakdownDimension | null; key: string | null; hours: string | null } & Record<
  'people' | 'women' | 'under26' | 'fifty' | 'qpv',
  number | null
>;

function windowDataOf(rows: PartRow[]): WindowData {
  const c = rows.find((r) => r.part === 'counts')!;
  return {
    counts: { realisedX100: int(c.hours), people: int(c.people), women: int(c.women), under26: int(c.under26), fiftyAndOver: int(c.fifty), qpvResidents: int(c.qpv) },
    breakdowns: rows
      .filter((r) => r.part === 'breakdown')
      .map((r) => ({ dimension: r.dim!, key: r.key!, hoursX100: r.hours === null ? null : int(r.hours), people: r.people === null ? null : int(r.people) })),
    hoursByContract: new Map(rows.filter((r) => r.part === 'contract').map((r) => [r.key!, int(r.hours)])),
  };
}

/**
 * Both windows of a department's report, the period and everything to its end, from one reading of
 * the department's statements to the period's end: each assignment's hours to date and in the period
 * are summed together, then matched with the department's eligible first months, flag and profile
 * read index-only contract by contract (every assignment with a validated month by the period's end
 * has its first month by then).
 */
export async function departmentWindows(ds: DataSource, departmentCode: string, period: { from: string; to: string }): Promise<{ period: WindowData; cumulative: WindowData }> {
  const rows = (await ds.query(
    `WITH per_assignment AS MATERIALIZED (
       SELECT s.assignment_id, SUM(s.hours_x100) AS hours_to_date,
              SUM(s.hours_x100) FILTER (WHERE s.month >= date_trunc('month', $2::date)) AS hours_in_period
         FROM contracts c JOIN hours_statements s ON s.contract_id = c.id
        WHERE ${inScopeSql('department')} AND s.status = 'validated' AND s.month <= date_trunc('month', $3::date)
        GROUP BY s.assignment_id
     ), counted_all AS MATERIALIZED (
       SELECT p.hours_to_date, p.hours_in_period, f.contract_id, ${personColumns}
         FROM contracts c JOIN assignment_first_months f ON f.contract_id = c.id
         JOIN per_assignment p ON p.assignment_id = f.assignment_id
        WHERE ${inScopeSql('department')} AND f.eligible AND f.first_month <= date_trunc('month', $3::date)
     ), counted_c AS (SELECT *, hours_to_date AS hours FROM counted_all
     ), counted_p AS (SELECT *, hours_in_period AS hours FROM counted_all WHERE hours_in_period IS NOT NULL
     ), first_c AS (${firstOf('counted_c')}
     ), last_c AS (${lastOf('counted_c')}
     ), first_p AS (${firstOf('counted_p')}
     ), last_p AS (${lastOf('counted_p')}
     )
     ${WINDOW_PARTS('cumulative', { hours: true, contracts: false }, { counted: 'counted_c', first: 'first_c', last: 'last_c' })}
     UNION ALL
     ${WINDOW_PARTS('period', { hours: true, contracts: true }, { counted: 'counted_p', first: 'first_p', last: 'last_p' })}
     ${PARTS_ORDER}`,
    [departmentCode, period.from, period.to],
  )) as PartRow[];
  return { period: windowDataOf(rows.filter((r) => r.win === 'period')), cumulative: windowDataOf(rows.filter((r) => r.win === 'cumulative')) };
}

/** A window's people recounted over a scope; its hours come from elsewhere (realisedX100 is 0 here, and no breakdown has hours). */
export async function windowPeople(ds: DataSource, scope: ReportScopeRef, w: MonthWindow): Promise<WindowData> {
  return windowDataOf(await ds.query(`${countedPeopleCtes(scope.kind, w)} ${WINDOW_PARTS('w', { hours: false, contracts: false })} ${PARTS_ORDER}`, [scope.code, w.fromDate, w.toDate]));
}

export async function placeName(ds: DataSource, scope: ReportScopeRef): Promise<string | undefined> {
  const [row] = (await ds.query(`SELECT name FROM ${scope.kind === 'department' ? 'departments' : 'regions'} WHERE code = $1`, [scope.code])) as { name: string }[];
  return row?.name;
}

export async function departmentsOfRegion(ds: DataSource, regionCode: string): Promise<{ code: string; name: string }[]> {
  return (await ds.query(`SELECT code, name FROM departments WHERE region_code = $1 ORDER BY code`, [regionCode])) as { code: string; name: string }[];
}
