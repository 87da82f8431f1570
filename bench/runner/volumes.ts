import type { Pool } from 'pg';
import { DEPARTMENT, IDF } from '../scenarios/scopes';

/** What a scope holds in a data set: its contracts, their assignments and their statements. */
export interface Volume {
  contracts: number;
  assignments: number;
  statements: number;
}

/**
 * The two scopes the growth rows are about. The generator draws its volumes at random around the
 * scale, so a scope does not grow exactly by the scales' ratio, nor every kind of row alike (README.md
 * has the volumes of the reference run).
 */
export interface ScopeVolumes {
  department93: Volume;
  region11: Volume;
}

export async function scopeVolumes(pg: Pool): Promise<ScopeVolumes> {
  const { rows } = await pg.query<{ scope: keyof ScopeVolumes } & Volume>(
    `WITH scoped AS (
       SELECT c.id, c.execution_department_code = $2 AS in_department FROM contracts c JOIN departments d ON d.code = c.execution_department_code WHERE d.region_code = $1
     ), counted AS (
       SELECT s.in_department, 1 AS contracts,
              (SELECT count(*) FROM assignments a WHERE a.contract_id = s.id) AS assignments,
              (SELECT count(*) FROM hours_statements h WHERE h.contract_id = s.id) AS statements
         FROM scoped s
     )
     SELECT 'region11' AS scope, sum(contracts)::int AS contracts, sum(assignments)::int AS assignments, sum(statements)::int AS statements FROM counted
     UNION ALL
     SELECT 'department93', sum(contracts)::int, sum(assignments)::int, sum(statements)::int FROM counted WHERE in_department`,
    [IDF, DEPARTMENT],
  );
  const of = (scope: keyof ScopeVolumes) => rows.find((r) => r.scope === scope)!;
  const volume = ({ contracts, assignments, statements }: Volume): Volume => ({ contracts, assignments, statements });
  return { department93: volume(of('department93')), region11: volume(of('region11')) };
}

/**
 * How much a scope's data grew from one data set to another: the least grown of its contracts,
 * assignments and statements, so that no kind of row grows slower than the figure a time is held to.
 * Null when the smaller data set holds none.
 */
export function dataGrowth(from: Volume, to: Volume): number | null {
  const kinds = ['contracts', 'assignments', 'statements'] as const;
  if (kinds.some((k) => from[k] === 0)) return null;
  return Math.min(...kinds.map((k) => to[k] / from[k]));
}

/** The scope a scenario reads, from its name: department 93's page, or Île-de-France's page and reports; null for the others. */
export function scopeOf(scenario: string): keyof ScopeVolumes | null {
  if (scenario.startsWith(`department ${DEPARTMENT}`)) return 'department93';
  if (scenario.startsWith('Île-de-France') || scenario.startsWith('IdF')) return 'region11';
  return null;
}
