import type { Pool } from 'pg';

/**
 * The statements each measured scope holds in a data set. The growth rows compare how a time grew
 * with how the data it reads grew: the generator draws its volumes at random around the scale, so a
 * scope does not grow exactly by the scales' ratio (seed 2026, 0.25 → 4: Île-de-France's statements
 * 16.3×, department 93's 19.4×, the country's 15.9×).
 */
export interface ScopeVolumes {
  department93: number;
  region11: number;
}

export async function scopeVolumes(pg: Pool): Promise<ScopeVolumes> {
  const { rows } = await pg.query<ScopeVolumes>(
    `SELECT count(*) FILTER (WHERE c.execution_department_code = '93')::int AS "department93", count(*)::int AS "region11"
       FROM hours_statements s JOIN contracts c ON c.id = s.contract_id JOIN departments d ON d.code = c.execution_department_code
      WHERE d.region_code = '11'`,
  );
  return rows[0];
}

/** The scope a scenario reads, from its name: department 93's page, or Île-de-France's page and reports; null for the others. */
export function scopeOf(scenario: string): keyof ScopeVolumes | null {
  if (scenario.startsWith('department 93')) return 'department93';
  if (scenario.startsWith('Île-de-France') || scenario.startsWith('IdF')) return 'region11';
  return null;
}
